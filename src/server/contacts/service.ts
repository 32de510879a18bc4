import type { Contact, ContactCreate, ContactPatch } from '#shared/contacts';
import { invoiceNumber } from '#shared/invoices';
import type { Pool, Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { decodeKeyset, page } from '../http/cursor';
import { AppError, notFound } from '../http/errors';
import { loadConversationByContact } from '../conversations/queries';
import { normalizePhoneOrThrow } from './phone';
import { assertNoPermanentLift, recordDndChanges } from './dnd-changes';
import type { ActivityActor } from '#shared/activity';
import { CONTACT_COLUMNS, displayName, fullDndSettings, toContact } from './serialize';
import { visibleContactsSql } from './access';

async function locationCountry(db: Queryable, locationId: string): Promise<string> {
  const r = await db.query<{ country: string }>('SELECT country FROM locations WHERE id = $1', [locationId]);
  return r.rows[0]?.country ?? 'US';
}

/**
 * Refuses a phone or e-mail another contact of the location already has (main or additional):
 * one lookup in the identities' primary key (contact_identities), whatever the location's size.
 */
async function assertNoDuplicate(db: Queryable, locationId: string, phones: string[], emails: string[], exceptId?: string) {
  if (phones.length === 0 && emails.length === 0) return;
  const r = await db.query(
    `SELECT ci.kind, ci.value, ct.id, ct.first_name, ct.last_name, ct.phone, ct.email
       FROM contact_identities ci JOIN contacts ct ON ct.location_id = ci.location_id AND ct.id = ci.contact_id
      WHERE ci.location_id = $1 AND ci.contact_id IS DISTINCT FROM $4::uuid
        AND ((ci.kind = 'phone' AND ci.value = ANY($2::text[])) OR (ci.kind = 'email' AND ci.value = ANY($3::text[])))
      ORDER BY ci.kind DESC LIMIT 1`,
    [locationId, phones, emails.map((e) => e.toLowerCase()), exceptId ?? null],
  );
  const dup = r.rows[0];
  if (!dup) return;
  const field = dup.kind === 'phone' ? 'phone' : 'email';
  throw new AppError(409, 'duplicate_contact', `A contact with this ${field} already exists: ${displayName(dup)}.`, {
    field,
    value: dup.value,
    existingContactId: dup.id,
    existingContactName: displayName(dup),
  });
}

function splitName(name?: string): { first?: string; last?: string } {
  if (!name) return {};
  const parts = name.trim().split(/\s+/);
  return { first: parts[0], last: parts.slice(1).join(' ') || undefined };
}

/**
 * A unique-index race (two creates at once) ends as the same 409 as the pre-check; an owner who is
 * not a team member of this location is refused by the foreign key.
 */
async function onConstraint<T>(fn: () => Promise<T>, recheck: () => Promise<void>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === '23505') await recheck();
    if (code === '23503') {
      throw new AppError(422, 'invalid_owner', 'ownerId: that user is not a member of this location.', {
        fields: [{ field: 'body.ownerId', message: 'is not a member of this location' }],
      });
    }
    throw err;
  }
}

export async function createContact(pool: Pool, locationId: string, input: ContactCreate): Promise<Contact> {
  const country = await locationCountry(pool, locationId);
  const phone = input.phone ? normalizePhoneOrThrow(input.phone, country, 'body.phone') : null;
  const extraPhones = (input.additionalPhones ?? []).map((p, i) => normalizePhoneOrThrow(p, country, `body.additionalPhones.${i}`));
  const phones = [...new Set([phone, ...extraPhones].filter((p): p is string => !!p))];
  const emails = [...new Set([input.email, ...(input.additionalEmails ?? [])].filter((e): e is string => !!e))];
  const split = splitName(input.name);
  return onConstraint(
    () =>
      withTx(pool, async (tx) => {
        await assertNoDuplicate(tx, locationId, phones, emails);
        const r = await tx.query(
          `INSERT INTO contacts (location_id, first_name, last_name, phone, email, additional_phones, additional_emails,
                                 tags, dnd, dnd_settings, inbound_dnd, owner_id, source)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
           RETURNING ${CONTACT_COLUMNS}`,
          [
            locationId,
            input.firstName ?? split.first ?? null,
            input.lastName ?? split.last ?? null,
            phone,
            input.email ?? null,
            extraPhones.filter((p) => p !== phone),
            (input.additionalEmails ?? []).filter((e) => e !== input.email),
            [...new Set(input.tags ?? [])],
            input.dnd ?? false,
            JSON.stringify(fullDndSettings(input.dndSettings)),
            input.inboundDnd ?? false,
            input.ownerId ?? null,
            input.source ?? 'api',
          ],
        );
        const contact = toContact(r.rows[0]);
        tx.emit({ locationId, type: 'contact.created', data: contact });
        return contact;
      }),
    () => assertNoDuplicate(pool, locationId, phones, emails),
  );
}

export async function getContact(db: Queryable, locationId: string, id: string): Promise<Contact> {
  const r = await db.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Contact');
  return toContact(r.rows[0]);
}

export async function updateContact(pool: Pool, locationId: string, id: string, patch: ContactPatch, actor: ActivityActor): Promise<Contact> {
  const country = await locationCountry(pool, locationId);
  const sets: string[] = [];
  const values: unknown[] = [locationId, id];
  const set = (column: string, value: unknown, expr = (param: string) => param) => {
    values.push(value);
    sets.push(`${column} = ${expr(`$${values.length}`)}`);
  };
  const phone = patch.phone ? normalizePhoneOrThrow(patch.phone, country, 'body.phone') : patch.phone;
  const extraPhones = patch.additionalPhones?.map((p, i) => normalizePhoneOrThrow(p, country, `body.additionalPhones.${i}`));
  if (patch.firstName !== undefined) set('first_name', patch.firstName || null);
  if (patch.lastName !== undefined) set('last_name', patch.lastName || null);
  if (phone !== undefined) set('phone', phone);
  if (patch.email !== undefined) set('email', patch.email);
  if (extraPhones) set('additional_phones', [...new Set(extraPhones)]);
  if (patch.additionalEmails) set('additional_emails', [...new Set(patch.additionalEmails)]);
  if (patch.tags) set('tags', [...new Set(patch.tags)]);
  if (patch.dnd !== undefined) set('dnd', patch.dnd);
  // jsonb merge keeps the channels the patch does not name.
  if (patch.dndSettings) set('dnd_settings', JSON.stringify(patch.dndSettings), (p) => `dnd_settings || ${p}::jsonb`);
  if (patch.inboundDnd !== undefined) set('inbound_dnd', patch.inboundDnd);
  if (patch.ownerId !== undefined) set('owner_id', patch.ownerId);
  const phones = [...new Set([phone, ...(extraPhones ?? [])].filter((p): p is string => !!p))];
  const emails = [...new Set([patch.email, ...(patch.additionalEmails ?? [])].filter((e): e is string => !!e))];
  return onConstraint(
    () =>
      withTx(pool, async (tx) => {
        // Existence first: a contact of another location is 404 whatever the patch says.
        const current = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, id]);
        if (current.rowCount === 0) throw notFound('Contact');
        const before = toContact(current.rows[0]);
        assertNoPermanentLift(before, patch);
        await assertNoDuplicate(tx, locationId, phones, emails, id);
        const r = await tx.query(
          `UPDATE contacts SET ${[...sets, 'updated_at = now()'].join(', ')}
            WHERE location_id = $1 AND id = $2 RETURNING ${CONTACT_COLUMNS}`,
          values,
        );
        if (!r.rows[0]) throw notFound('Contact');
        const contact = toContact(r.rows[0]);
        tx.emit({ locationId, type: 'contact.updated', data: contact });
        await recordDndChanges(tx, locationId, before, contact, actor);
        await emitConversationOfContact(tx, locationId, id);
        return contact;
      }),
    () => assertNoDuplicate(pool, locationId, phones, emails, id),
  );
}

/** The list shows contact name/phone: a contact change is a change of its conversation's row. */
async function emitConversationOfContact(tx: Tx, locationId: string, contactId: string) {
  const conv = await loadConversationByContact(tx, locationId, contactId);
  if (conv) tx.emit({ locationId, type: 'conversation.updated', conversationId: conv.id, data: conv });
}

export async function deleteContact(pool: Pool, locationId: string, id: string): Promise<void> {
  await withTx(pool, async (tx) => {
    // Invoices and their payments are financial records: never deleted with a contact (the
    // database refuses too). Merging the contact into another moves them.
    const inv = await tx.query<{ n: number; numbers: string[] }>(
      `SELECT count(*)::int AS n, (array_agg(number ORDER BY number))[1:3] AS numbers FROM invoices WHERE location_id = $1 AND contact_id = $2`,
      [locationId, id],
    );
    if (inv.rows[0].n > 0) {
      const { n, numbers } = inv.rows[0];
      const named = numbers.map((x) => invoiceNumber(Number(x))).join(', ');
      throw new AppError(409, 'contact_has_invoices', `This contact has ${n === 1 ? 'an invoice' : `${n} invoices`} (${named}${n > 3 ? ', …' : ''}): invoices and payments are kept, so the contact cannot be deleted. Merge it into another contact instead.`, { invoices: n });
    }
    const r = await tx.query(
      `DELETE FROM contacts WHERE location_id = $1 AND id = $2
       RETURNING (SELECT id FROM conversations WHERE location_id = $1 AND contact_id = $2) AS conversation_id`,
      [locationId, id],
    );
    if (r.rowCount === 0) throw notFound('Contact');
    const conversationId = r.rows[0].conversation_id;
    tx.emit({ locationId, type: 'contact.deleted', data: { id } });
    if (conversationId) tx.emit({ locationId, type: 'conversation.deleted', conversationId, data: { id: conversationId } });
  });
}

/** visibleTo: an "only assigned" member (contacts/access.ts) sees only the contacts of their conversations. */
export async function listContacts(db: Queryable, locationId: string, q: { limit: number; cursor?: string; q?: string }, visibleTo: string | null = null) {
  const after = decodeKeyset(q.cursor);
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['location_id = $1'];
  if (after) {
    values.push(after.k, after.id);
    where.push(`(created_at, id) < ($3::timestamptz, $4::uuid)`);
  }
  if (q.q) {
    const digits = q.q.replace(/\D/g, '');
    values.push(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
    const text = `$${values.length}`;
    const parts = [`(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) ILIKE ${text}`, `email ILIKE ${text}`];
    if (digits.length >= 3) {
      values.push(`%${digits}%`);
      parts.push(`phone LIKE $${values.length}`);
    }
    where.push(`(${parts.join(' OR ')})`);
  }
  if (visibleTo) {
    values.push(visibleTo);
    where.push(visibleContactsSql('contacts.id', `$${values.length}`));
  }
  const r = await db.query(
    `SELECT ${CONTACT_COLUMNS}, created_at::text AS _k FROM contacts
      WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT $2`,
    values,
  );
  return page(r.rows, q.limit, toContact);
}
