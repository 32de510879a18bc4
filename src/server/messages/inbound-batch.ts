/**
 * recordMessage's set-based twin for the hot path: plain inbound provider messages (an SMS without
 * media or keywords), many at once in one transaction — a fixed number of statements per batch
 * instead of a dozen per message. Same rows, same conversation update (touchConversation's rules,
 * summed per conversation), same events and notifications as recordMessage would produce for the
 * messages one by one; test/api/ingest-batch.test.ts holds the two to that.
 */
import type { Contact } from '#shared/contacts';
import type { MessageType } from '#shared/messages';
import type { Tx } from '../db/tx';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';
import { toConversation } from '../conversations/queries';
import { notifyInboundBatch } from '../notifications/inbound-batch';
import { preview } from './record';
import { MESSAGE_COLUMNS, toMessage } from './serialize';

export interface InboundItem {
  locationId: string;
  /** The contact is found by this phone (main or additional) or created with it. */
  phone: string;
  /** contacts.source of a contact created by this message. */
  source: string;
  messageType: MessageType;
  body: string;
  provider: string;
  providerMessageId: string;
  channel: Record<string, unknown>;
}

export interface InboundResult {
  messageId: string;
  conversationId: string;
  contact: Contact;
  /** The provider id was already stored (a retry): nothing was written for this item. */
  duplicate: boolean;
}

const key = (locationId: string, x: string) => `${locationId}|${x}`;

/** Contacts by phone, created when unknown (race-safe: a concurrent creation is found again). */
async function contactsByPhone(tx: Tx, items: InboundItem[]): Promise<Map<string, Contact>> {
  const wanted = [...new Map(items.map((i) => [key(i.locationId, i.phone), i])).values()].sort((a, b) =>
    key(a.locationId, a.phone) < key(b.locationId, b.phone) ? -1 : 1,
  );
  const lookup = (alias: string) => `
    SELECT i.location_id, i.phone AS _phone, c.* FROM input i CROSS JOIN LATERAL (
      (SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = i.location_id AND phone = i.phone)
      UNION ALL
      (SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = i.location_id AND additional_phones @> ARRAY[i.phone])
      LIMIT 1) c ${alias}`;
  const r = await tx.query(
    `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS i(location_id, phone, source, ord)),
     found AS (${lookup('')}),
     created AS (
       INSERT INTO contacts (location_id, phone, source)
       SELECT i.location_id, i.phone, i.source FROM input i
        WHERE NOT EXISTS (SELECT 1 FROM found f WHERE f.location_id = i.location_id AND f._phone = i.phone)
        ORDER BY i.ord
       ON CONFLICT (location_id, phone) WHERE phone IS NOT NULL DO NOTHING
       RETURNING location_id, phone AS _phone, ${CONTACT_COLUMNS})
     SELECT false AS _created, * FROM found UNION ALL SELECT true, * FROM created`,
    [wanted.map((i) => i.locationId), wanted.map((i) => i.phone), wanted.map((i) => i.source)],
  );
  const out = new Map<string, Contact>();
  for (const row of r.rows) {
    const contact = toContact(row);
    out.set(key(row.location_id, row._phone), contact);
    if (row._created) tx.emit({ locationId: row.location_id, type: 'contact.created', data: contact });
  }
  const missing = wanted.filter((i) => !out.has(key(i.locationId, i.phone)));
  if (missing.length > 0) {
    // Created meanwhile by a concurrent delivery (committed after this statement's snapshot).
    const again = await tx.query(
      `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::text[]) AS i(location_id, phone)) ${lookup('')}`,
      [missing.map((i) => i.locationId), missing.map((i) => i.phone)],
    );
    for (const row of again.rows) out.set(key(row.location_id, row._phone), toContact(row));
  }
  return out;
}

/** The conversation of each contact, created when it has none; answers which were created. */
async function conversationsOf(tx: Tx, pairs: { locationId: string; contactId: string }[]): Promise<Map<string, { id: string; created: boolean }>> {
  const sorted = [...new Map(pairs.map((p) => [key(p.locationId, p.contactId), p])).values()].sort((a, b) =>
    key(a.locationId, a.contactId) < key(b.locationId, b.contactId) ? -1 : 1,
  );
  const args = [sorted.map((p) => p.locationId), sorted.map((p) => p.contactId)];
  const r = await tx.query<{ location_id: string; contact_id: string; id: string; created: boolean }>(
    `WITH input AS (SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS i(location_id, contact_id, ord)),
     ins AS (INSERT INTO conversations (location_id, contact_id) SELECT location_id, contact_id FROM input ORDER BY ord
             ON CONFLICT (location_id, contact_id) DO NOTHING RETURNING location_id, contact_id, id)
     SELECT location_id, contact_id, id, true AS created FROM ins
     UNION ALL
     SELECT c.location_id, c.contact_id, c.id, false FROM input i
       JOIN conversations c ON c.location_id = i.location_id AND c.contact_id = i.contact_id`,
    args,
  );
  const out = new Map<string, { id: string; created: boolean }>();
  for (const row of r.rows) out.set(key(row.location_id, row.contact_id), { id: row.id, created: row.created });
  const missing = sorted.filter((p) => !out.has(key(p.locationId, p.contactId)));
  if (missing.length > 0) {
    const again = await tx.query<{ location_id: string; contact_id: string; id: string }>(
      `SELECT c.location_id, c.contact_id, c.id FROM unnest($1::uuid[], $2::uuid[]) AS i(location_id, contact_id)
         JOIN conversations c ON c.location_id = i.location_id AND c.contact_id = i.contact_id`,
      [missing.map((p) => p.locationId), missing.map((p) => p.contactId)],
    );
    for (const row of again.rows) out.set(key(row.location_id, row.contact_id), { id: row.id, created: false });
  }
  return out;
}

/**
 * Records the items (provider ids must be distinct within the batch) in the caller's transaction.
 * Results are in the order of the items.
 */
export async function recordInboundBatch(tx: Tx, items: InboundItem[]): Promise<InboundResult[]> {
  if (items.length === 0) return [];
  const contacts = await contactsByPhone(tx, items);
  const contactOf = items.map((i) => contacts.get(key(i.locationId, i.phone))!);
  const convs = await conversationsOf(tx, items.map((i, n) => ({ locationId: i.locationId, contactId: contactOf[n].id })));
  const convOf = items.map((i, n) => convs.get(key(i.locationId, contactOf[n].id))!);

  // One clock reading, then a microsecond per item: the batch's order is the thread's order.
  const ins = await tx.query(
    `WITH t AS (SELECT clock_timestamp() AS at)
     INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, channel,
                           provider, provider_message_id, created_at, updated_at)
     SELECT i.location_id, i.conversation_id, i.contact_id, i.message_type, 'inbound', 'received', i.body, i.channel,
            i.provider, i.provider_message_id, t.at + (i.ord - 1) * interval '1 microsecond', t.at + (i.ord - 1) * interval '1 microsecond'
       FROM t, unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::jsonb[], $7::text[], $8::text[])
            WITH ORDINALITY AS i(location_id, conversation_id, contact_id, message_type, body, channel, provider, provider_message_id, ord)
      ORDER BY i.ord
     ON CONFLICT (location_id, provider, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
     RETURNING location_id, provider_message_id AS _pid, ${MESSAGE_COLUMNS}`,
    [
      items.map((i) => i.locationId),
      convOf.map((c) => c.id),
      contactOf.map((c) => c.id),
      items.map((i) => i.messageType),
      items.map((i) => i.body),
      items.map((i) => JSON.stringify(i.channel)),
      items.map((i) => i.provider),
      items.map((i) => i.providerMessageId),
    ],
  );
  const inserted = new Map(ins.rows.map((row) => [key(row.location_id, row._pid), row]));

  // Per conversation: its newest new message and how many arrived (each one adds an unread).
  const touched = new Map<string, { locationId: string; conversationId: string; row: any; type: MessageType; n: number; created: boolean }>();
  items.forEach((item, n) => {
    const row = inserted.get(key(item.locationId, item.providerMessageId));
    if (!row) return;
    const k = key(item.locationId, convOf[n].id);
    const t = touched.get(k);
    if (!t) touched.set(k, { locationId: item.locationId, conversationId: convOf[n].id, row, type: item.messageType, n: 1, created: convOf[n].created });
    else {
      t.n++;
      if (row.created_at >= t.row.created_at) Object.assign(t, { row, type: item.messageType });
    }
  });
  const list = [...touched.values()].sort((a, b) => (key(a.locationId, a.conversationId) < key(b.locationId, b.conversationId) ? -1 : 1));
  const updated = list.length === 0 ? [] : (await tx.query(
    `WITH u AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::int[])
                  AS u(location_id, id, message_id, at, type, body, n)),
     up AS (
       UPDATE conversations c SET
         last_message_id        = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.message_id ELSE c.last_message_id END,
         last_message_type      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.type ELSE c.last_message_type END,
         last_message_direction = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN 'inbound' ELSE c.last_message_direction END,
         last_message_body      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.body ELSE c.last_message_body END,
         last_message_at        = CASE WHEN c.last_message_id IS NULL THEN u.at ELSE greatest(c.last_message_at, u.at) END,
         last_inbound_at   = CASE WHEN u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL THEN u.at ELSE c.last_inbound_at END,
         last_inbound_type = CASE WHEN u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL THEN u.type ELSE c.last_inbound_type END,
         channels = CASE WHEN u.type = ANY(c.channels) THEN c.channels ELSE c.channels || u.type END,
         unread_count = c.unread_count + u.n,
         state = 'open',
         updated_at = now()
       FROM u WHERE c.location_id = u.location_id AND c.id = u.id
       RETURNING c.*)
     SELECT up.id, up.location_id, up.contact_id, up.last_message_id, up.last_message_type, up.last_message_direction, up.last_message_body,
            up.last_message_at, up.last_inbound_at, up.last_inbound_type, up.unread_count, up.starred, up.assigned_to,
            up.state, up.channels, up.created_at, up.last_message_at::text AS _k, ct.first_name, ct.last_name, ct.phone, ct.email
       FROM up JOIN contacts ct ON ct.location_id = up.location_id AND ct.id = up.contact_id`,
    [
      list.map((t) => t.locationId),
      list.map((t) => t.conversationId),
      list.map((t) => t.row.id),
      list.map((t) => t.row.created_at),
      list.map((t) => t.type),
      list.map((t) => preview(t.row.body)),
      list.map((t) => t.n),
    ],
  )).rows;
  const conversationRow = new Map(updated.map((r) => [key(r.location_id, r.id), r]));

  // Events in the order the one-by-one path emits them: each message, then its conversation's
  // new state (once per conversation, after its last message of the batch).
  const lastIndex = new Map<string, number>();
  items.forEach((item, n) => inserted.has(key(item.locationId, item.providerMessageId)) && lastIndex.set(key(item.locationId, convOf[n].id), n));
  const results: InboundResult[] = items.map((item, n) => {
    const row = inserted.get(key(item.locationId, item.providerMessageId));
    const conversationId = convOf[n].id;
    if (!row) return { messageId: '', conversationId, contact: contactOf[n], duplicate: true };
    tx.emit({ locationId: item.locationId, type: 'message.created', conversationId, data: toMessage(row) });
    const k = key(item.locationId, conversationId);
    if (lastIndex.get(k) === n) {
      const conv = conversationRow.get(k);
      if (conv) tx.emit({ locationId: item.locationId, type: convOf[n].created ? 'conversation.created' : 'conversation.updated', conversationId, data: toConversation(conv) });
    }
    return { messageId: row.id, conversationId, contact: contactOf[n], duplicate: false };
  });
  await notifyInboundBatch(
    tx,
    list.flatMap((t) => {
      const conv = conversationRow.get(key(t.locationId, t.conversationId));
      return conv?.assigned_to ? [{ locationId: t.locationId, conversationId: t.conversationId, userId: conv.assigned_to as string, messageId: t.row.id as string, body: t.row.body as string | null, count: t.n }] : [];
    }),
  );
  return results;
}
