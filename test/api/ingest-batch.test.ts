/**
 * The group-commit ingest path (messages/inbound-queue.ts + inbound-batch.ts): the same rows,
 * conversation state, events and notifications as recordMessage one message at a time; bursts,
 * provider retries, one bad message among good ones, and many concurrent webhooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';
import { connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';
import { withTx } from '../../src/server/db/tx';
import { recordInboundBatch } from '../../src/server/messages/inbound-batch';
import type { InboundEnvelope } from '../../src/server/messages/envelope';
import { InboundQueue } from '../../src/server/messages/inbound-queue';

const PRACTICE = '+12125550100';
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
  await connectTwilio(admin, PRACTICE);
});
afterAll(() => server.stop());

let phoneN = 0;
const newPhone = () => `+1646555${String(1000 + phoneN++).padStart(4, '0')}`;
const sid = () => 'SM' + randomBytes(16).toString('hex');
const item = (phone: string, body: string, extra: Partial<InboundEnvelope> = {}): InboundEnvelope => ({
  locationId: fx.locationId,
  channelId: null,
  identity: { kind: 'phone', value: phone },
  source: 'sms',
  messageType: 'TYPE_SMS',
  body,
  provider: 'twilio',
  providerMessageId: sid(),
  channel: { from: phone, to: PRACTICE },
  ...extra,
});

const seq = async () => (await server.pool.query('SELECT coalesce(max(seq), 0)::int AS s FROM events WHERE location_id = $1', [fx.locationId])).rows[0].s as number;
const eventsAfter = async (after: number) =>
  (await server.pool.query('SELECT type, conversation_id, data FROM events WHERE location_id = $1 AND seq > $2 ORDER BY seq', [fx.locationId, after])).rows;

/** The single path (an item with media or a follow-up takes it): one transaction through recordMessage. */
const recordOne = (i: InboundEnvelope) => withTx(server.pool, (tx) => server.deps.ingest.record(tx, i));

/** What the API shows of a conversation, minus what differs between any two conversations. */
const shape = (c: any) => ({
  unreadCount: c.unreadCount, state: c.state, channels: c.channels, starred: c.starred, assignedTo: c.assignedTo,
  lastMessage: { messageType: c.lastMessage.messageType, direction: c.lastMessage.direction, body: c.lastMessage.body },
  lastInbound: { messageType: c.lastInbound.messageType },
});

describe('group-commit ingest', () => {
  it('writes what recordMessage writes: conversation, events and the assignee’s notification', async () => {
    const [p1, p2] = [newPhone(), newPhone()];
    const convIds: string[] = [];
    for (const p of [p1, p2]) {
      const first = await recordOne(item(p, 'First message'));
      convIds.push(first.conversationId);
      expect((await admin.patch(`/api/v1/conversations/${first.conversationId}`, { assignedTo: fx.staff.id, read: true, state: 'closed' })).status).toBe(200);
    }
    const body = 'Can I move my appointment to Friday?\nThanks!';
    const s1 = await seq();
    await recordOne(item(p1, body));
    const single = await eventsAfter(s1);
    const s2 = await seq();
    const [r] = await withTx(server.pool, (tx) => recordInboundBatch(tx, [item(p2, body)]));
    const batched = await eventsAfter(s2);
    expect(r).toMatchObject({ duplicate: false, conversationId: convIds[1] });

    const [c1, c2] = await Promise.all(convIds.map(async (id) => (await admin.get(`/api/v1/conversations/${id}`)).body));
    expect(shape(c2)).toEqual(shape(c1));
    expect(shape(c2)).toMatchObject({ unreadCount: 1, state: 'open', assignedTo: fx.staff.id, lastMessage: { body: 'Can I move my appointment to Friday? Thanks!' } });
    expect(batched.map((e) => e.type)).toEqual(single.map((e) => e.type));
    expect(batched.map((e) => e.type)).toEqual(['message.created', 'conversation.updated', 'notification.created', 'counts.updated']);
    const note = (events: any[]) => events.find((e) => e.type === 'notification.created').data;
    expect({ ...note(batched), id: 0, conversationId: 0, messageId: 0, contactName: 0, createdAt: 0 }).toEqual({ ...note(single), id: 0, conversationId: 0, messageId: 0, contactName: 0, createdAt: 0 });
    const msg = (events: any[]) => events.find((e) => e.type === 'message.created').data;
    expect(msg(batched)).toMatchObject({ messageType: 'TYPE_SMS', direction: 'inbound', status: 'received', body, userId: null });
    expect(Object.keys(msg(batched)).sort()).toEqual(Object.keys(msg(single)).sort());
  });

  it('takes a burst for one conversation: one unread per message, the newest as preview, the thread in order', async () => {
    const [p3, p4] = [newPhone(), newPhone()];
    const s = await seq();
    const items = [item(p3, 'one'), item(p3, 'two'), item(p4, 'other'), item(p3, 'three')];
    const results = await withTx(server.pool, (tx) => recordInboundBatch(tx, items));
    expect(results.every((x) => !x.duplicate)).toBe(true);
    expect(results[0].conversationId).toBe(results[3].conversationId);
    const conv = (await admin.get(`/api/v1/conversations/${results[0].conversationId}`)).body;
    expect(conv).toMatchObject({ unreadCount: 3, state: 'open', lastMessage: { body: 'three' }, contact: { phone: p3 } });
    const thread = (await admin.get(`/api/v1/conversations/${results[0].conversationId}/messages`)).body.items;
    expect(thread.map((m: any) => m.body)).toEqual(['three', 'two', 'one']); // newest first
    const types = (await eventsAfter(s)).filter((e) => e.conversation_id === results[0].conversationId || e.type === 'contact.created').map((e) => e.type);
    expect(types).toEqual(['contact.created', 'contact.created', 'message.created', 'message.created', 'message.created', 'conversation.created']);
  });

  it('finds the contact by an additional phone as well as by its main one', async () => {
    const [main, extra] = [newPhone(), newPhone()];
    const contact = await admin.post('/api/v1/contacts', { firstName: 'Two', lastName: 'Phones', phone: main, additionalPhones: [extra] });
    expect(contact.status).toBe(201);
    const results = await withTx(server.pool, (tx) => recordInboundBatch(tx, [item(extra, 'from my work phone'), item(main, 'and from my own')]));
    expect(results.map((r) => r.contactId)).toEqual([contact.body.id, contact.body.id]);
    const n = await server.pool.query(`SELECT count(*)::int AS n FROM contacts WHERE location_id = $1 AND (phone = $2 OR phone = $3)`, [fx.locationId, main, extra]);
    expect(n.rows[0].n).toBe(1);
  });

  it('writes a provider id once: one already stored, or the same delivery twice in one batch', async () => {
    const p = newPhone();
    const stored = item(p, 'already here');
    await withTx(server.pool, (tx) => recordInboundBatch(tx, [stored]));
    const [again] = await withTx(server.pool, (tx) => recordInboundBatch(tx, [stored]));
    expect(again.duplicate).toBe(true);
    const queue = new InboundQueue(server.pool);
    const twice = item(p, 'sent twice');
    const answers = await Promise.all([queue.submit(twice), queue.submit({ ...twice }), queue.submit({ ...twice })]);
    expect(answers.every((a) => a.conversationId === again.conversationId)).toBe(true);
    const n = await server.pool.query(`SELECT count(*)::int AS n FROM messages WHERE location_id = $1 AND provider_message_id = ANY($2)`, [fx.locationId, [stored.providerMessageId, twice.providerMessageId]]);
    expect(n.rows[0].n).toBe(2);
    expect((await admin.get(`/api/v1/conversations/${again.conversationId}`)).body.unreadCount).toBe(2);
  });

  it('fails only the bad message of a batch; its neighbours are stored', async () => {
    const queue = new InboundQueue(server.pool, { maxBatch: 10, maxInFlight: 1 });
    const p = newPhone();
    // The first goes at once; the next five gather behind it into one batch with the bad one.
    const good = [item(p, 'a'), item(p, 'b'), item(p, 'c'), item(p, 'd'), item(p, 'e')];
    const bad = item(newPhone(), 'to a location that does not exist', { locationId: randomUUID() });
    const outcomes = await Promise.allSettled([good[0], good[1], good[2], bad, good[3], good[4]].map((i) => queue.submit(i)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    const rows = await server.pool.query(`SELECT body FROM messages WHERE location_id = $1 AND provider_message_id = ANY($2) ORDER BY created_at`, [fx.locationId, good.map((g) => g.providerMessageId)]);
    expect(rows.rows.map((r) => r.body)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('stores 300 concurrent webhooks once each, with unread counts and tab counts exact, all live on a socket', async () => {
    const socket = await admin.socket();
    await socket.waitFor((f) => f.some((x) => x.type === 'ready'));
    const phones = Array.from({ length: 30 }, newPhone);
    const deliveries = phones.flatMap((p) => Array.from({ length: 10 }, (_, k) => inboundSms(p, PRACTICE, `Message ${k} from ${p}`)));
    const answers = await Promise.all(deliveries.map((d) => postTwilio(server.url, '/webhooks/twilio/sms', d)));
    expect(answers.every((a) => a.status === 200 && a.text.includes('<Response/>'))).toBe(true);
    const stored = await server.pool.query(
      `SELECT ct.phone, count(*)::int AS n, max(c.unread_count) AS unread FROM messages m
         JOIN contacts ct ON ct.location_id = m.location_id AND ct.id = m.contact_id
         JOIN conversations c ON c.location_id = m.location_id AND c.id = m.conversation_id
        WHERE m.location_id = $1 AND ct.phone = ANY($2) GROUP BY 1`,
      [fx.locationId, phones],
    );
    expect(stored.rows).toHaveLength(30);
    expect(stored.rows.every((r) => r.n === 10 && r.unread === 10)).toBe(true);
    const recount = await server.pool.query(
      `SELECT count(*) FILTER (WHERE unread_count > 0)::int AS unread, count(*) FILTER (WHERE state = 'open')::int AS recents,
              count(*) FILTER (WHERE starred)::int AS starred, count(*)::int AS all FROM conversations WHERE location_id = $1`,
      [fx.locationId],
    );
    const counts = (await admin.get('/api/v1/conversations/counts')).body;
    expect(counts).toMatchObject(recount.rows[0]);
    // Batches notify once for many events; the socket still gets every event once, in order, no gap.
    const frames = await socket.waitFor((f) => f.filter((x) => x.type === 'message.created' && /^Message \d from/.test(x.data.body)).length === 300, 15_000, '300 messages');
    const seqs = frames.filter((f) => f.type !== 'ready').map((f) => Number(f.cursor.split('.')[0]));
    expect(seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1)).toBe(true);
    socket.ws.close();
  });
});
