/**
 * The visitor's contact: created on the first message ("Website visitor" unless they gave a name)
 * and given the name the visitor typed. The e-mail and phone a visitor types are unverified — a
 * visitor could type anybody's — so they never become the contact's phone or e-mail (which match
 * inbound SMS, calls and e-mail to a contact, and receive replies): they are kept on the visitor
 * and shown to the team as the contact's `webChatDetails`; a team member who trusts them copies
 * them into the contact.
 */
import type { Tx } from '../../db/tx';
import { loadConversationByContact } from '../../conversations/queries';
import { CONTACT_COLUMNS, toContact } from '../../contacts/serialize';
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

/** The name the contact starts with: what the visitor typed, else "Website visitor". */
export function visitorName(visitor: Visitor): { firstName: string; lastName: string | null } {
  const [firstName, lastName] = visitor.name ? splitName(visitor.name) : [DEFAULT_VISITOR_NAME, null];
  return { firstName, lastName };
}

/** The name as the contact's; e-mail and phone as its unverified web chat details. True if anything changed. */
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
  if (d.email || d.phone) {
    const r = await tx.query(
      `UPDATE contacts SET updated_at = now(),
              web_chat_details = jsonb_build_object('email', coalesce($3, web_chat_details->>'email'), 'phone', coalesce($4, web_chat_details->>'phone'))
        WHERE location_id = $1 AND id = $2`,
      [locationId, contactId, d.email ?? null, d.phone ?? null],
    );
    changed = changed || (r.rowCount ?? 0) > 0;
  }
  return changed;
}

/**
 * The visitor's new details reach their contact (and its row in the inbox list). On the first
 * message the contact was just created through the ingest (by its web chat identity).
 */
export async function updateVisitorContact(tx: Tx, locationId: string, contactId: string, d: Details): Promise<void> {
  if (!(await addDetails(tx, locationId, contactId, d))) return;
  const c = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2`, [locationId, contactId]);
  if (!c.rows[0]) return;
  tx.emit({ locationId, type: 'contact.updated', data: toContact(c.rows[0]) });
  const conv = await loadConversationByContact(tx, locationId, contactId);
  if (conv) tx.emit({ locationId, type: 'conversation.updated', conversationId: conv.id, data: conv });
}
