/**
 * The visitor's contact: created on the first message ("Website visitor" unless they gave a name),
 * and given the visitor's name, e-mail and phone — an e-mail or phone another contact already has
 * stays on the visitor record only (a visitor is never refused for it).
 */
import { byPhoneSql } from '../contacts/lookup';
import { linkIdentity } from '../contacts/identities';
import type { Tx } from '../db/tx';
import { loadConversationByContact } from '../conversations/queries';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';
import type { Visitor } from './visitors';

export const DEFAULT_VISITOR_NAME = 'Website visitor';

export interface Details {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
}

function splitName(name: string): [string, string | null] {
  const parts = name.trim().split(/\s+/);
  return [parts[0], parts.slice(1).join(' ') || null];
}

/** True when no other contact of the location has this e-mail or phone (main or additional). */
async function isFree(tx: Tx, locationId: string, field: 'email' | 'phone', value: string, exceptId: string | null): Promise<boolean> {
  const sql =
    field === 'email'
      ? `SELECT 1 FROM contacts WHERE location_id = $1 AND id IS DISTINCT FROM $3::uuid
           AND (lower(email) = lower($2) OR EXISTS (SELECT 1 FROM unnest(additional_emails) e WHERE lower(e) = lower($2))) LIMIT 1`
      : byPhoneSql('1', { except: '$3' });
  const r = await tx.query(sql, [locationId, value, exceptId]);
  return r.rowCount === 0;
}

/** Runs an UPDATE that may hit a unique index (a concurrent writer): a violation just skips it. True if a row changed. */
async function unlessTaken(tx: Tx, sql: string, values: unknown[]): Promise<boolean> {
  await tx.query('SAVEPOINT webchat_detail');
  try {
    const r = await tx.query(sql, values);
    await tx.query('RELEASE SAVEPOINT webchat_detail');
    return (r.rowCount ?? 0) > 0;
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    await tx.query('ROLLBACK TO SAVEPOINT webchat_detail');
    return false;
  }
}

/** Creates the visitor's contact and links it; events go out with the transaction. */
export async function createVisitorContact(tx: Tx, visitor: Visitor): Promise<string> {
  const [first, last] = visitor.name ? splitName(visitor.name) : [DEFAULT_VISITOR_NAME, null];
  const r = await tx.query<{ id: string }>(
    `INSERT INTO contacts (location_id, first_name, last_name, source) VALUES ($1, $2, $3, 'web chat') RETURNING id`,
    [visitor.locationId, first, last],
  );
  const contactId = r.rows[0].id;
  await tx.query('UPDATE webchat_visitors SET contact_id = $3 WHERE location_id = $1 AND id = $2', [visitor.locationId, visitor.id, contactId]);
  await linkIdentity(tx, visitor.locationId, contactId, { kind: 'webchat', value: visitor.id });
  await addDetails(tx, visitor.locationId, contactId, { email: visitor.email, phone: visitor.phone });
  const c = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2`, [visitor.locationId, contactId]);
  tx.emit({ locationId: visitor.locationId, type: 'contact.created', data: toContact(c.rows[0]) });
  return contactId;
}

/** Sets what is given and free; a replaced main e-mail or phone is kept among the additional ones. */
async function addDetails(tx: Tx, locationId: string, contactId: string, d: Details): Promise<boolean> {
  let changed = false;
  if (d.name) {
    const [first, last] = splitName(d.name);
    await tx.query('UPDATE contacts SET first_name = $3, last_name = $4, updated_at = now() WHERE location_id = $1 AND id = $2', [
      locationId,
      contactId,
      first,
      last,
    ]);
    changed = true;
  }
  if (d.email && (await isFree(tx, locationId, 'email', d.email, contactId))) {
    changed =
      (await unlessTaken(
        tx,
        `UPDATE contacts SET email = $3, updated_at = now(),
                additional_emails = CASE WHEN email IS NOT NULL AND lower(email) <> lower($3) AND NOT email = ANY(additional_emails)
                                         THEN array_append(additional_emails, email) ELSE additional_emails END
          WHERE location_id = $1 AND id = $2 AND email IS DISTINCT FROM $3`,
        [locationId, contactId, d.email],
      )) || changed;
  }
  if (d.phone && (await isFree(tx, locationId, 'phone', d.phone, contactId))) {
    changed =
      (await unlessTaken(
        tx,
        `UPDATE contacts SET phone = $3, updated_at = now(),
                additional_phones = CASE WHEN phone IS NOT NULL AND phone <> $3 AND NOT phone = ANY(additional_phones)
                                         THEN array_append(additional_phones, phone) ELSE additional_phones END
          WHERE location_id = $1 AND id = $2 AND phone IS DISTINCT FROM $3`,
        [locationId, contactId, d.phone],
      )) || changed;
  }
  return changed;
}

/** The visitor's new details reach their contact (and its row in the inbox list). */
export async function updateVisitorContact(tx: Tx, locationId: string, contactId: string, d: Details): Promise<void> {
  if (!(await addDetails(tx, locationId, contactId, d))) return;
  const c = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2`, [locationId, contactId]);
  if (!c.rows[0]) return;
  tx.emit({ locationId, type: 'contact.updated', data: toContact(c.rows[0]) });
  const conv = await loadConversationByContact(tx, locationId, contactId);
  if (conv) tx.emit({ locationId, type: 'conversation.updated', conversationId: conv.id, data: conv });
}
