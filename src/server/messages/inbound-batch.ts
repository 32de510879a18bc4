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
import { toContact } from '../contacts/serialize';
import { toConversation } from '../conversations/queries';
import { notifyInboundBatch } from '../notifications/inbound-batch';
import { preview } from './preview';
import { toMessage } from './serialize';
import { CONTACTS_FIND, CONTACTS_FIND_OR_CREATE, CONVERSATIONS_ENSURE, CONVERSATIONS_FIND, CONVERSATIONS_TOUCH, MESSAGES_INSERT } from './inbound-batch-sql';

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
  const r = await tx.query(CONTACTS_FIND_OR_CREATE, [wanted.map((i) => i.locationId), wanted.map((i) => i.phone), wanted.map((i) => i.source)]);
  const out = new Map<string, Contact>();
  for (const row of r.rows) {
    const contact = toContact(row);
    out.set(key(row.location_id, row._phone), contact);
    if (row._created) tx.emit({ locationId: row.location_id, type: 'contact.created', data: contact });
  }
  const missing = wanted.filter((i) => !out.has(key(i.locationId, i.phone)));
  if (missing.length > 0) {
    // Created meanwhile by a concurrent delivery (committed after this statement's snapshot).
    const again = await tx.query(CONTACTS_FIND, [missing.map((i) => i.locationId), missing.map((i) => i.phone)]);
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
  const r = await tx.query<{ location_id: string; contact_id: string; id: string; created: boolean }>(CONVERSATIONS_ENSURE, args);
  const out = new Map<string, { id: string; created: boolean }>();
  for (const row of r.rows) out.set(key(row.location_id, row.contact_id), { id: row.id, created: row.created });
  const missing = sorted.filter((p) => !out.has(key(p.locationId, p.contactId)));
  if (missing.length > 0) {
    const again = await tx.query<{ location_id: string; contact_id: string; id: string }>(CONVERSATIONS_FIND, [
      missing.map((p) => p.locationId),
      missing.map((p) => p.contactId),
    ]);
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

  const ins = await tx.query(
    MESSAGES_INSERT,
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
    CONVERSATIONS_TOUCH,
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
