/**
 * Notifications: an inbound message on my conversation, an assignment to me, a mention of me;
 * per-user settings for each kind; mark one / all read; live to the recipient only.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, type Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let staff: ApiClient;

async function conversation() {
  const c = await newContact(admin, { firstName: 'Nina', lastName: `Notify${Math.random().toString(36).slice(2, 6)}` });
  return { contactId: c.id, id: (await admin.post('/api/v1/conversations', { contactId: c.id })).body.id as string, name: c.name };
}
const mine = async (client = staff, query = '') => (await client.get(`/api/v1/notifications${query}`)).body;
const mention = (name: string, id: string) => `@[${name}](${id})`;

beforeAll(async () => {
  ({ server, fx, admin, staff } = await standardServer());
});
afterAll(() => server.stop());
beforeEach(async () => {
  await staff.post('/api/v1/notifications/read-all');
  await admin.post('/api/v1/notifications/read-all');
});

describe('each kind', () => {
  it('assignment: the assignee is told who assigned which conversation; assigning oneself is silent', async () => {
    const c = await conversation();
    await admin.patch(`/api/v1/conversations/${c.id}`, { assignedTo: fx.staff.id });
    const page = await mine(staff, '?unread=true');
    expect(page.unreadCount).toBe(1);
    expect(page.items[0]).toMatchObject({
      kind: 'assignment',
      userId: fx.staff.id,
      conversationId: c.id,
      contactName: c.name,
      actor: { id: fx.admin.id, name: 'Ada Admin' },
      readAt: null,
    });
    // Saving the same assignee again, or taking it oneself: nothing new.
    await admin.patch(`/api/v1/conversations/${c.id}`, { assignedTo: fx.staff.id, starred: true });
    const other = await conversation();
    await staff.patch(`/api/v1/conversations/${other.id}`, { assignedTo: fx.staff.id });
    expect((await mine()).unreadCount).toBe(1);
    expect((await mine(admin)).unreadCount).toBe(0);
  });

  it('assignment by a bulk action notifies for each conversation', async () => {
    const a = await conversation();
    const b = await conversation();
    await admin.post('/api/v1/conversations/bulk', { ids: [a.id, b.id], action: 'assign', assignedTo: fx.staff.id });
    const page = await mine(staff, '?unread=true');
    expect(page.items.map((n: any) => [n.kind, n.conversationId]).sort()).toEqual(
      [
        ['assignment', a.id],
        ['assignment', b.id],
      ].sort(),
    );
  });

  it('inbound: the assignee hears of new messages, coalesced per conversation while unread', async () => {
    const c = await conversation();
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, body: 'before anyone was assigned' });
    expect((await mine()).unreadCount).toBe(0);
    await admin.patch(`/api/v1/conversations/${c.id}`, { assignedTo: fx.staff.id });
    await staff.post('/api/v1/notifications/read-all');
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, body: 'Can I move my appointment?' });
    const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, body: 'To Friday?' });
    let page = await mine(staff, '?unread=true');
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({ kind: 'inbound', conversationId: c.id, messageId: message.id, body: 'To Friday?', count: 2, actor: null });
    // Once read, the next message is a new notification.
    await staff.post(`/api/v1/notifications/${page.items[0].id}/read`);
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, body: 'Thanks!' });
    page = await mine(staff, '?unread=true');
    expect(page.items.map((n: any) => [n.body, n.count])).toEqual([['Thanks!', 1]]);
    // An outbound item or an internal comment is no inbound message.
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, direction: 'outbound', status: 'sent', body: 'out' });
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: 'a note' });
    expect((await mine()).unreadCount).toBe(1);
  });

  it('mention: the mentioned are told by whom, with the comment as text; not oneself', async () => {
    const c = await conversation();
    const body = `Can you call her back, ${mention('Sam Staff', fx.staff.id)}? ${mention('Ada Admin', fx.admin.id)} is away.`;
    const res = await admin.post(`/api/v1/conversations/${c.id}/comments`, { body });
    expect(res.status).toBe(201);
    const page = await mine(staff, '?unread=true');
    expect(page.items[0]).toMatchObject({
      kind: 'mention',
      conversationId: c.id,
      messageId: res.body.id,
      actor: { id: fx.admin.id, name: 'Ada Admin' },
      body: 'Can you call her back, @Sam Staff? @Ada Admin is away.',
    });
    expect((await mine(admin)).unreadCount).toBe(0);
  });

  it('mention: an "only assigned" member is not told of a conversation they cannot open', async () => {
    const restricted = await createUser(server.pool, `ra-${Date.now()}@test.local`, 'Rita Restricted', [[fx.locationId, 'user']]);
    await admin.patch(`/api/v1/users/${restricted.id}`, { onlyAssigned: true });
    const rita = await ApiClient.signedIn(server.url, restricted);
    const c = await conversation();
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Rita Restricted', restricted.id)} fyi` });
    expect((await mine(rita)).items).toEqual([]);
    await admin.patch(`/api/v1/conversations/${c.id}`, { assignedTo: restricted.id });
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Rita Restricted', restricted.id)} yours now` });
    expect((await mine(rita)).items.map((n: any) => n.kind).sort()).toEqual(['assignment', 'mention']);
  });
});

describe('settings', () => {
  it('has defaults, and each kind can be turned off for oneself only', async () => {
    expect((await staff.get('/api/v1/me/notification-settings')).body).toEqual({ inbound: true, assignment: true, mention: true, call: true, browser: false });
    const off = await staff.patch('/api/v1/me/notification-settings', { mention: false, browser: true });
    expect(off.body).toEqual({ inbound: true, assignment: true, mention: false, call: true, browser: true });
    expect((await staff.patch('/api/v1/me/notification-settings', {})).status).toBe(400);
    expect((await staff.patch('/api/v1/me/notification-settings', { mention: 'no' })).status).toBe(400);

    const c = await conversation();
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Sam Staff', fx.staff.id)} hello` });
    expect((await mine()).unreadCount).toBe(0);
    await staff.patch('/api/v1/me/notification-settings', { assignment: false });
    await admin.patch(`/api/v1/conversations/${c.id}`, { assignedTo: fx.staff.id });
    await deliver(server.pool, { locationId: fx.locationId, contactId: c.contactId, body: 'still told of this' });
    expect((await mine(staff, '?unread=true')).items.map((n: any) => n.kind)).toEqual(['inbound']);
    // The admin's settings are their own.
    expect((await admin.get('/api/v1/me/notification-settings')).body.mention).toBe(true);
    await staff.patch('/api/v1/me/notification-settings', { mention: true, assignment: true, browser: false });
  });

  it('is for people: an API key has no notifications', async () => {
    const key = (await admin.post('/api/v1/api-keys', { name: 'n' })).body.key;
    const res = await ApiClient.withKey(server.url, key).get('/api/v1/notifications');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('user_required');
  });
});

describe('reading', () => {
  it('marks one read, then all; another user’s notification is not found', async () => {
    const c = await conversation();
    for (let i = 0; i < 3; i++) await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Sam Staff', fx.staff.id)} #${i}` });
    const page = await mine();
    expect(page.unreadCount).toBe(3);
    const one = await staff.post(`/api/v1/notifications/${page.items[0].id}/read`);
    expect(one.body).toEqual({ unreadCount: 2 });
    expect((await staff.post(`/api/v1/notifications/${page.items[0].id}/read`)).body).toEqual({ unreadCount: 2 });
    expect((await admin.post(`/api/v1/notifications/${page.items[1].id}/read`)).status).toBe(404);
    expect((await mine(staff, '?unread=true')).items).toHaveLength(2);
    expect((await staff.post('/api/v1/notifications/read-all')).body).toEqual({ unreadCount: 0 });
    const after = await mine();
    expect(after.items.slice(0, 3).every((n: any) => n.readAt)).toBe(true);
  });

  it('pages newest first with a cursor', async () => {
    const c = await conversation();
    for (let i = 0; i < 5; i++) await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Sam Staff', fx.staff.id)} page ${i}` });
    const first = await mine(staff, '?limit=3');
    expect(first.items.map((n: any) => n.body)).toEqual(['@Sam Staff page 4', '@Sam Staff page 3', '@Sam Staff page 2']);
    const second = await mine(staff, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.items.slice(0, 2).map((n: any) => n.body)).toEqual(['@Sam Staff page 1', '@Sam Staff page 0']);
  });

  it('goes when its conversation is deleted', async () => {
    const c = await conversation();
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Sam Staff', fx.staff.id)} soon gone` });
    expect((await mine()).unreadCount).toBe(1);
    await admin.delete(`/api/v1/conversations/${c.id}`);
    expect((await mine()).unreadCount).toBe(0);
  });
});

describe('live', () => {
  it('reaches only the recipient’s sockets: created, then read', async () => {
    const [staffWs, staffWs2, adminWs] = await Promise.all([staff.socket(), staff.socket(), admin.socket()]);
    await Promise.all([staffWs.ready(), staffWs2.ready(), adminWs.ready()]);
    const c = await conversation();
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: `${mention('Sam Staff', fx.staff.id)} live one` });
    const frames = await staffWs.waitFor((f) => f.some((x) => x.type === 'notification.created'), 5000, 'notification');
    const n = frames.find((x) => x.type === 'notification.created')!.data;
    expect(n).toMatchObject({ kind: 'mention', userId: fx.staff.id, body: '@Sam Staff live one', contactName: c.name });
    await staff.post(`/api/v1/notifications/${n.id}/read`);
    // Both of the recipient's tabs hear of it, so their badges agree.
    await staffWs2.waitFor((f) => f.some((x) => x.type === 'notification.read' && x.data.ids[0] === n.id), 5000, 'read');
    // The admin's socket saw the comment, but neither notification event.
    await admin.post(`/api/v1/conversations/${c.id}/comments`, { body: 'marker' });
    await adminWs.waitFor((f) => f.some((x) => x.data?.body === 'marker'));
    expect(adminWs.frames.some((x) => x.type.startsWith('notification.'))).toBe(false);
    // A reconnect replays the recipient's notifications only.
    const replay = await admin.socket(`?since=${encodeURIComponent(adminWs.frames.find((x) => x.cursor)!.cursor)}`);
    expect((await replay.ready()).some((x) => x.type.startsWith('notification.'))).toBe(false);
    await Promise.all([staffWs.close(), staffWs2.close(), adminWs.close(), replay.close()]);
  });
});
