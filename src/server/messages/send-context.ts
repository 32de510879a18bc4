/**
 * The server side of the shared send rules: what #shared/send-rules#availability needs to know
 * about a conversation — the contact, the channels they used and their identities, the
 * connections of the location, the contact's last inbound message per channel — read in one
 * statement, and the refusal turned into the API's 422.
 */
import type { Contact } from '#shared/contacts';
import type { SendType } from '#shared/messages';
import { availability, type Availability, type SendContext } from '#shared/send-rules';
import { prepared, type Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';

const CONTEXT = prepared(
  'send_context',
  `SELECT c.channels, c.inbound_at,
          ARRAY(SELECT DISTINCT ch.type FROM channels ch WHERE ch.location_id = c.location_id AND ch.status <> 'disabled') AS connected,
          ARRAY(SELECT DISTINCT ci.kind FROM contact_identities ci WHERE ci.location_id = c.location_id AND ci.contact_id = c.contact_id) AS identities
     FROM conversations c WHERE c.location_id = $1 AND c.id = $2`,
);

export async function loadSendContext(db: Queryable, locationId: string, conversationId: string, contact: Contact): Promise<SendContext> {
  const r = await db.query(CONTEXT, [locationId, conversationId]);
  const row = r.rows[0];
  if (!row) throw notFound('Conversation');
  return { contact, used: row.channels, identities: row.identities, connected: row.connected, lastInbound: row.inbound_at ?? {} };
}

/**
 * The rules every send passes before anything is stored or any provider called: DND, messaging
 * window, connection, recipient (#shared/send-rules). A template may go when only the window refuses.
 */
export async function assertSendable(
  db: Queryable,
  locationId: string,
  conversationId: string,
  contact: Contact,
  type: SendType,
  opts: { template?: boolean } = {},
): Promise<Availability> {
  const a = availability(type, await loadSendContext(db, locationId, conversationId, contact));
  if (a.refusal && !(opts.template && a.refusal.templatesOnly)) {
    throw new AppError(422, a.refusal.code, a.refusal.message, { channel: type, ...(a.window && { window: a.window }) });
  }
  return a;
}

/** The contact of a conversation (404 when there is no such conversation). */
export async function loadContactOfConversation(db: Queryable, locationId: string, conversationId: string): Promise<Contact> {
  const c = await db.query(
    `SELECT ${CONTACT_COLUMNS.split(',').map((col) => `ct.${col.trim()}`).join(', ')}
       FROM conversations cv JOIN contacts ct ON ct.location_id = cv.location_id AND ct.id = cv.contact_id
      WHERE cv.location_id = $1 AND cv.id = $2`,
    [locationId, conversationId],
  );
  if (!c.rows[0]) throw notFound('Conversation');
  return toContact(c.rows[0]);
}

