/**
 * recordMessage's set-based twin for the hot path: plain provider items of any channel (no media,
 * no update of an earlier item), many at once in one transaction — a fixed number of statements
 * per batch instead of a dozen per item. Same rows, same conversation update (timeline-row.ts),
 * same events and notifications as recordMessage would produce for the items one by one;
 * test/api/ingest-batch.test.ts holds the two to that.
 */
import type { Tx } from '../db/tx';
import { findOrCreateContacts } from '../contacts/identities';
import { toConversation } from '../conversations/queries';
import { touchConversations, type Touch } from '../conversations/timeline-row';
import { notifyInboundBatch } from '../notifications/inbound-batch';
import type { InboundEnvelope, IngestResult } from './envelope';
import { touchOf } from './record';
import { toMessage } from './serialize';
import { CONVERSATIONS_ENSURE, CONVERSATIONS_FIND, MESSAGES_INSERT } from './inbound-batch-sql';

const key = (locationId: string, x: string) => `${locationId}|${x}`;
const pidKey = (e: InboundEnvelope) => `${e.locationId}|${e.provider}|${e.providerMessageId}`;

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
export async function recordInboundBatch(tx: Tx, items: InboundEnvelope[]): Promise<IngestResult[]> {
  if (items.length === 0) return [];
  const contacts = await findOrCreateContacts(
    tx,
    items.map((i) => ({ locationId: i.locationId, identity: i.identity, profile: { ...i.profile, source: i.source } })),
  );
  const contactOf = contacts.map((c) => c.contact);
  const convs = await conversationsOf(tx, items.map((i, n) => ({ locationId: i.locationId, contactId: contactOf[n].id })));
  const convOf = items.map((i, n) => convs.get(key(i.locationId, contactOf[n].id))!);

  const ins = await tx.query(MESSAGES_INSERT, [
    items.map((i) => i.locationId),
    convOf.map((c) => c.id),
    contactOf.map((c) => c.id),
    items.map((i) => i.messageType),
    items.map((i) => i.direction ?? 'inbound'),
    items.map((i) => i.status ?? 'received'),
    items.map((i) => i.body),
    items.map((i) => JSON.stringify(i.channel)),
    items.map((i) => JSON.stringify(i.meta ?? {})),
    items.map((i) => i.provider),
    items.map((i) => i.providerMessageId),
    items.map((i) => i.channelId),
    items.map((i) => i.createdAt ?? null),
  ]);
  const inserted = new Map(ins.rows.map((row) => [`${row.location_id}|${row._provider}|${row._pid}`, row]));
  const bodyOf = new Map<string, string | null>(ins.rows.map((row) => [row.id, row.body]));

  // Per conversation: what its new items do to the row (the newest becomes the preview, each
  // inbound one adds an unread).
  const touched = new Map<string, Touch & { created: boolean }>();
  items.forEach((item, n) => {
    const row = inserted.get(pidKey(item));
    if (!row) return;
    const t = touchOf({ ...item, direction: item.direction ?? 'inbound' }, convOf[n].id, row);
    const k = key(item.locationId, convOf[n].id);
    const prev = touched.get(k);
    if (!prev) touched.set(k, { ...t, created: convOf[n].created });
    else {
      const newer = t.at >= prev.at;
      touched.set(k, { ...(newer ? t : prev), unread: prev.unread + t.unread, read: newer ? t.read : prev.read, created: prev.created });
    }
  });
  const list = [...touched.values()].sort((a, b) => (key(a.locationId, a.conversationId) < key(b.locationId, b.conversationId) ? -1 : 1));
  const rows = await touchConversations(tx, list);
  const conversationRow = new Map(rows.map((r) => [key(r.location_id, r.id), r]));

  // Events in the order the one-by-one path emits them: each message, then its conversation's
  // new state (once per conversation, after its last message of the batch).
  const lastIndex = new Map<string, number>();
  items.forEach((item, n) => inserted.has(pidKey(item)) && lastIndex.set(key(item.locationId, convOf[n].id), n));
  const results: IngestResult[] = items.map((item, n) => {
    const row = inserted.get(pidKey(item));
    const conversationId = convOf[n].id;
    if (!row) return { messageId: '', conversationId, contactId: contactOf[n].id, duplicate: true };
    tx.emit({ locationId: item.locationId, type: 'message.created', conversationId, data: toMessage(row) });
    const k = key(item.locationId, conversationId);
    if (lastIndex.get(k) === n) {
      const conv = conversationRow.get(k);
      if (conv) tx.emit({ locationId: item.locationId, type: convOf[n].created ? 'conversation.created' : 'conversation.updated', conversationId, data: toConversation(conv) });
    }
    return { messageId: row.id, conversationId, contactId: contactOf[n].id, duplicate: false };
  });
  await notifyInboundBatch(
    tx,
    list.flatMap((t) => {
      const conv = conversationRow.get(key(t.locationId, t.conversationId));
      return conv?.assigned_to && t.unread > 0
        ? [{ locationId: t.locationId, conversationId: t.conversationId, userId: conv.assigned_to as string, messageId: t.messageId, body: bodyOf.get(t.messageId) ?? null, count: t.unread }]
        : [];
    }),
  );
  return results;
}
