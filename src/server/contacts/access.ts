/**
 * "Only assigned" members and the records around a conversation: they reach a contact — and its
 * opportunities, appointments, invoices and the attachments of its messages — only while the
 * contact's conversation is assigned to them (the rule search already follows). Anything else
 * answers 404, exactly like a record of another location: one preHandler hook over the routes of
 * the scope (routes added later are covered), plus `visibleContactsSql` for the lists.
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';
import type { AuthContext, RouteModule } from '../http/types';

/** The user whose contacts a list is narrowed to ("only assigned"), or null (everything). */
export const restrictedTo = (auth: Pick<AuthContext, 'onlyAssigned' | 'userId'>): string | null =>
  auth.onlyAssigned ? (auth.userId ?? '00000000-0000-0000-0000-000000000000') : null;

/**
 * SQL condition: the contact `contactIdSql` has a conversation assigned to the user in `userParam`
 * (the location in $1).
 */
export const visibleContactsSql = (contactIdSql: string, userParam: string) =>
  `EXISTS (SELECT 1 FROM conversations cv WHERE cv.location_id = $1 AND cv.contact_id = ${contactIdSql} AND cv.assigned_to = ${userParam}::uuid)`;

export async function contactVisible(db: Queryable, auth: Pick<AuthContext, 'onlyAssigned' | 'userId' | 'locationId'>, contactId: string): Promise<boolean> {
  if (!auth.onlyAssigned) return true;
  if (!auth.userId) return false;
  const r = await db.query(`SELECT 1 WHERE ${visibleContactsSql('$2::uuid', '$3')}`, [auth.locationId, contactId, auth.userId]);
  return r.rowCount === 1;
}

/** Routes of one record by id: what it is (for the 404) and the contact it belongs to (null: none). */
const RECORD_ROUTES: { re: RegExp; what: string; table?: string }[] = [
  { re: /^\/api\/v1\/contacts\/:id(\/|$)/, what: 'Contact' },
  { re: /^\/api\/v1\/opportunities\/:id(\/|$)/, what: 'Opportunity', table: 'opportunities' },
  { re: /^\/api\/v1\/appointments\/:id(\/|$)/, what: 'Appointment', table: 'appointments' },
  { re: /^\/api\/v1\/invoices\/:id(\/|$)/, what: 'Invoice', table: 'invoices' },
];
const ATTACHMENT_ROUTE = /^\/api\/v1\/attachments\/:id(\/|$)/;

/** Routes that create a record for the contact their body names, or list the records of the contact their query names. */
const CONTACT_FIELD = /^\/api\/v1\/(opportunities|appointments|invoices)$/;

async function attachmentVisible(db: Queryable, auth: AuthContext, id: string): Promise<boolean> {
  const r = await db.query<{ message_id: string | null; uploaded_by: string | null; contact_id: string | null }>(
    `SELECT a.message_id, a.uploaded_by, m.contact_id FROM attachments a
       LEFT JOIN messages m ON m.location_id = a.location_id AND m.id = a.message_id
      WHERE a.location_id = $1 AND a.id = $2`,
    [auth.locationId, id],
  );
  const a = r.rows[0];
  if (!a) return true; // the route answers its own 404
  // Not sent yet: only its uploader's. Sent: its conversation's.
  return a.message_id === null ? a.uploaded_by === auth.userId : !!a.contact_id && (await contactVisible(db, auth, a.contact_id));
}

async function guard(db: Queryable, req: FastifyRequest): Promise<void> {
  const auth = req.auth;
  const url = req.routeOptions.url ?? '';
  const id = (req.params as { id?: string } | undefined)?.id;
  if (id) {
    if (ATTACHMENT_ROUTE.test(url)) {
      if (!(await attachmentVisible(db, auth, id))) throw notFound('Attachment');
      return;
    }
    const route = RECORD_ROUTES.find((r) => r.re.test(url));
    if (!route) return;
    let contactId: string | undefined = id;
    if (route.table) {
      const r = await db.query<{ contact_id: string }>(`SELECT contact_id FROM ${route.table} WHERE location_id = $1 AND id = $2`, [auth.locationId, id]);
      contactId = r.rows[0]?.contact_id;
    }
    if (!contactId || !(await contactVisible(db, auth, contactId))) throw notFound(route.what);
    return;
  }
  if (!CONTACT_FIELD.test(url)) return;
  const named = [(req.body as { contactId?: unknown } | undefined)?.contactId, (req.query as { contactId?: unknown } | undefined)?.contactId];
  for (const contactId of named) {
    if (typeof contactId === 'string' && !(await contactVisible(db, auth, contactId))) throw notFound('Contact');
  }
}

/**
 * A 409 duplicate_contact names the contact that holds the phone or e-mail: to an "only assigned"
 * member, only one of their own (another's name and id stay hidden; the refusal itself stays).
 */
export async function hideOthersDuplicate(db: Queryable, auth: AuthContext, err: unknown): Promise<unknown> {
  if (!(err instanceof AppError) || err.code !== 'duplicate_contact' || !auth.onlyAssigned) return err;
  const { existingContactId, field, value } = err.details ?? {};
  if (typeof existingContactId === 'string' && (await contactVisible(db, auth, existingContactId))) return err;
  return new AppError(409, 'duplicate_contact', `Another contact already has this ${field}.`, { field, value });
}

export const recordAccessRoutes: RouteModule = (app, { pool }) => {
  app.addHook('preHandler', async (req) => {
    if (req.auth?.onlyAssigned) await guard(pool, req);
  });
};
