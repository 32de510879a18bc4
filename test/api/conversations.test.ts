import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, createLocation, type Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
});
afterAll(() => server.stop());

const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);

describe('conversations', () => {
  it('has exactly one conversation per contact', async () => {
    const c = await newContact(admin);
    const first = await admin.post('/api/v1/conversations', { contactId: c.id });
    expect(first.status).toBe(201);
    const again = await admin.post('/api/v1/conversations', { contactId: c.id });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.id });
    const dup = server.pool.query('INSERT INTO conversations (location_id, contact_id) VALUES ($1, $2)', [fx.locationId, c.id]);
    await expect(dup).rejects.toThrow(/conversations_location_id_contact_id_key/);
  });

  it('keeps last message, unread count and order on the row as items arrive', async () => {
    const c = await newContact(admin);
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'first', createdAt: at(10) });
    const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'Can I book  a\n facial?', createdAt: at(5) });
    // An older item arriving late changes neither the preview nor the order.
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'late', createdAt: at(20) });
    const conv = (await admin.get(`/api/v1/conversations?limit=100`)).body.items.find((x: any) => x.contact.id === c.id);
    expect(conv.lastMessage).toMatchObject({ id: message.id, body: 'Can I book a facial?', direction: 'inbound', messageType: 'TYPE_SMS' });
    expect(conv.unreadCount).toBe(3);
    expect(conv.lastInbound.messageType).toBe('TYPE_SMS');
    // Internal comments do not move the conversation or its preview.
    expect((await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: 'Call her back' })).status).toBe(201);
    const after = (await admin.get(`/api/v1/conversations/${conv.id}`)).body;
    expect(after.lastMessage.id).toBe(message.id);
    expect(after.lastMessageAt).toBe(conv.lastMessageAt);
  });

  it('star, read/unread, assign and close are stored and refused for strangers', async () => {
    const c = await newContact(admin);
    const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id });
    const id = message.conversationId;
    const patch = (body: object) => admin.patch(`/api/v1/conversations/${id}`, body);
    expect((await patch({ starred: true })).body.starred).toBe(true);
    expect((await patch({ read: true })).body.unreadCount).toBe(0);
    expect((await patch({ read: false })).body.unreadCount).toBe(1);
    expect((await patch({ assignedTo: fx.staff.id })).body.assignedTo).toBe(fx.staff.id);
    const stranger = await patch({ assignedTo: fx.stranger.id });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('invalid_assignee');
    expect((await patch({ state: 'closed' })).body.state).toBe('closed');
    expect((await patch({})).status).toBe(400);
    expect((await patch({ state: 'archived' })).body.error.details.fields[0].field).toBe('body.state');
    // A new inbound message reopens a closed conversation.
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.id });
    expect((await admin.get(`/api/v1/conversations/${id}`)).body.state).toBe('open');
  });
});

describe('conversation list', () => {
  let api: ApiClient;
  let me: string;
  let other: string;
  const byName = new Map<string, string>();

  beforeAll(async () => {
    const loc = await createLocation(server.pool, 'List clinic');
    const u = await createUser(server.pool, 'list-admin@test.local', 'List Admin', [[loc, 'admin']]);
    const o = await createUser(server.pool, 'list-user@test.local', 'List User', [[loc, 'user']]);
    me = u.id;
    other = o.id;
    api = await ApiClient.signedIn(server.url, u);
    // Six conversations, last message 1..6 minutes ago.
    for (let i = 1; i <= 6; i++) {
      const c = await newContact(api, { firstName: `Row${i}` });
      const { message } = await deliver(server.pool, {
        locationId: loc,
        contactId: c.id,
        createdAt: at(i),
        direction: i % 2 ? 'inbound' : 'outbound',
        messageType: i === 3 ? 'TYPE_EMAIL' : 'TYPE_SMS',
      });
      byName.set(`Row${i}`, message.conversationId);
    }
    const set = (n: number, body: object) => api.patch(`/api/v1/conversations/${byName.get(`Row${n}`)}`, body);
    await set(1, { starred: true });
    await set(2, { assignedTo: me });
    await set(4, { assignedTo: other, state: 'closed' });
    await set(5, { read: true });
  });

  const names = async (query: string) => {
    const res = await api.get(`/api/v1/conversations${query}`);
    expect(res.status).toBe(200);
    return res.body.items.map((c: any) => c.contact.name.split(' ')[0]);
  };

  it('lists all, newest first, through cursor pages without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api.get(`/api/v1/conversations?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((c: any) => c.contact.name.split(' ')[0]));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Row1', 'Row2', 'Row3', 'Row4', 'Row5', 'Row6']);
    expect(await names('?sort=asc')).toEqual(['Row6', 'Row5', 'Row4', 'Row3', 'Row2', 'Row1']);
  });

  it('filters by tab, assignee, channel, direction and state', async () => {
    expect(await names('?status=unread')).toEqual(['Row1', 'Row3']); // inbound, not marked read
    expect(await names('?status=starred')).toEqual(['Row1']);
    expect(await names('?status=recents')).toEqual(['Row1', 'Row2', 'Row3', 'Row5', 'Row6']);
    expect(await names('?assignedTo=me')).toEqual(['Row2']);
    expect(await names(`?assignedTo=${other}`)).toEqual(['Row4']);
    expect(await names('?assignedTo=unassigned')).toEqual(['Row1', 'Row3', 'Row5', 'Row6']);
    expect(await names('?channel=TYPE_EMAIL')).toEqual(['Row3']);
    expect(await names('?direction=outbound')).toEqual(['Row2', 'Row4', 'Row6']);
    expect(await names('?state=closed')).toEqual(['Row4']);
    expect(await names('?direction=inbound&status=unread&assignedTo=unassigned')).toEqual(['Row1', 'Row3']);
    expect(await names('?q=row5')).toEqual(['Row5']);
  });

  it('refuses bad filters with the field named', async () => {
    const res = await api.get('/api/v1/conversations?status=everything&limit=500');
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: any) => f.field).sort()).toEqual(['querystring.limit', 'querystring.status']);
  });
});

describe('messages and comments', () => {
  it('lists a thread newest first with cursor pages', async () => {
    const c = await newContact(admin);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: `m${i}`, createdAt: at(50 - i) })).message.id);
    }
    const conv = (await admin.post('/api/v1/conversations', { contactId: c.id })).body;
    const p1 = await admin.get(`/api/v1/conversations/${conv.id}/messages?limit=3`);
    expect(p1.body.items.map((m: any) => m.body)).toEqual(['m4', 'm3', 'm2']);
    const p2 = await admin.get(`/api/v1/conversations/${conv.id}/messages?limit=3&cursor=${p1.body.nextCursor}`);
    expect(p2.body.items.map((m: any) => m.body)).toEqual(['m1', 'm0']);
    expect(p2.body.nextCursor).toBeNull();
    expect(p1.body.items[0]).toMatchObject({ messageType: 'TYPE_SMS', direction: 'inbound', status: 'received', contactId: c.id, attachments: [] });
  });

  it('stores internal comments with mentions of team members only', async () => {
    const c = await newContact(admin);
    const conv = (await admin.post('/api/v1/conversations', { contactId: c.id })).body;
    const ok = await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: `@[Sam Staff](${fx.staff.id}) can you call her?` });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ messageType: 'TYPE_INTERNAL_COMMENT', userId: fx.admin.id, meta: { mentions: [fx.staff.id] } });
    const bad = await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: `@[Olga](${fx.stranger.id}) hi` });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('unknown_mention');
    const empty = await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: '   ' });
    expect(empty.status).toBe(400);
  });

  it('never stores a provider message twice, even when 20 deliveries race', async () => {
    const c = await newContact(admin);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        deliver(server.pool, { locationId: fx.locationId, contactId: c.id, provider: 'twilio', providerMessageId: 'SM' + 'a'.repeat(32) }),
      ),
    );
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    const conv = (await admin.post('/api/v1/conversations', { contactId: c.id })).body;
    expect(conv.unreadCount).toBe(1);
    const n = await server.pool.query(`SELECT count(*)::int AS n FROM messages WHERE contact_id = $1`, [c.id]);
    expect(n.rows[0].n).toBe(1);
  });
});
