/**
 * "Only assigned" team members (memberships.permissions.onlyAssigned, set by an admin): every
 * route answers 404 for a conversation not assigned to them, lists leave it out, and their
 * WebSocket never carries its events, typing or presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type LiveSocket } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let staff: ApiClient;
/** mine: assigned to staff; theirs: assigned to the admin; free: unassigned. */
const conv: Record<'mine' | 'theirs' | 'free', { id: string; contactId: string; messageId: string }> = {} as never;

async function conversation(assignedTo: string | null) {
  const c = await newContact(admin);
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: `hello ${assignedTo}` });
  if (assignedTo) expect((await admin.patch(`/api/v1/conversations/${message.conversationId}`, { assignedTo })).status).toBe(200);
  return { id: message.conversationId, contactId: c.id, messageId: message.id };
}

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
  conv.mine = await conversation(fx.staff.id);
  conv.theirs = await conversation(fx.admin.id);
  conv.free = await conversation(null);
  const set = await admin.patch(`/api/v1/users/${fx.staff.id}`, { onlyAssigned: true });
  expect(set.status).toBe(200);
  expect(set.body).toMatchObject({ id: fx.staff.id, role: 'user', onlyAssigned: true });
  staff = await ApiClient.signedIn(server.url, fx.staff);
});
afterAll(() => server.stop());

const routes = (id: string, messageId: string): [string, string, unknown?][] => [
  ['GET', `/api/v1/conversations/${id}`],
  ['PATCH', `/api/v1/conversations/${id}`, { starred: true }],
  ['PATCH', `/api/v1/conversations/${id}`, { assignedTo: fx.staff.id }],
  ['GET', `/api/v1/conversations/${id}/messages`],
  ['POST', `/api/v1/conversations/${id}/messages`, { type: 'SMS', body: 'hi' }],
  ['POST', `/api/v1/conversations/${id}/comments`, { body: 'a note' }],
  ['POST', `/api/v1/conversations/${id}/typing`, { typing: true }],
  ['POST', `/api/v1/conversations/${id}/presence`, { viewing: true }],
  ['POST', `/api/v1/messages/${messageId}/retry`],
];

describe('an "only assigned" member', () => {
  it('is shown as such in the team list and in /me, and only an admin can set it', async () => {
    const team = (await admin.get('/api/v1/users')).body.items;
    expect(team.find((m: any) => m.id === fx.staff.id).onlyAssigned).toBe(true);
    expect(team.find((m: any) => m.id === fx.admin.id).onlyAssigned).toBe(false);
    expect((await staff.get('/api/v1/me')).body.user.onlyAssigned).toBe(true);
    expect((await staff.patch(`/api/v1/users/${fx.staff.id}`, { onlyAssigned: false })).status).toBe(403);
    expect((await admin.patch(`/api/v1/users/${fx.staff.id}`, {})).status).toBe(400);
  });

  it('gets 404 (like an unknown id) on every route of a conversation not assigned to them', async () => {
    for (const key of ['theirs', 'free'] as const) {
      const { id, messageId } = conv[key];
      for (const [method, path, body] of routes(id, messageId)) {
        const res = await staff.request(method, path, body);
        expect(res.status, `${method} ${path} (${key})`).toBe(404);
        expect(res.body.error.code).toBe('not_found');
      }
    }
    // Nothing was changed, sent or deleted.
    const theirs = (await admin.get(`/api/v1/conversations/${conv.theirs.id}`)).body;
    expect(theirs).toMatchObject({ starred: false, assignedTo: fx.admin.id });
    const thread = (await admin.get(`/api/v1/conversations/${conv.free.id}/messages`)).body.items;
    expect(thread.map((m: any) => m.messageType)).toEqual(['TYPE_SMS']);
  });

  it('works normally on their own conversation', async () => {
    const { id } = conv.mine;
    expect((await staff.get(`/api/v1/conversations/${id}`)).status).toBe(200);
    expect((await staff.get(`/api/v1/conversations/${id}/messages`)).body.items).toHaveLength(1);
    expect((await staff.patch(`/api/v1/conversations/${id}`, { starred: true })).body.starred).toBe(true);
    expect((await staff.post(`/api/v1/conversations/${id}/comments`, { body: 'mine to handle' })).status).toBe(201);
    expect((await staff.post(`/api/v1/conversations/${id}/typing`, { typing: false })).status).toBe(200);
    expect((await staff.post(`/api/v1/conversations/${id}/presence`, { viewing: true })).status).toBe(200);
  });

  it('sees only their conversations in every list and filter', async () => {
    for (const status of ['all', 'recents', 'unread', 'starred']) {
      const ids = (await staff.get(`/api/v1/conversations?status=${status}&limit=100`)).body.items.map((c: any) => c.id);
      expect(ids.every((x: string) => x === conv.mine.id), status).toBe(true);
    }
    expect((await staff.get('/api/v1/conversations?limit=100')).body.items.map((c: any) => c.id)).toEqual([conv.mine.id]);
    expect((await staff.get('/api/v1/conversations?assignedTo=me')).body.items).toHaveLength(1);
    expect((await staff.get('/api/v1/conversations?assignedTo=unassigned')).body.items).toEqual([]);
    expect((await staff.get(`/api/v1/conversations?assignedTo=${fx.admin.id}`)).body.items).toEqual([]);
    // The admin still sees everything.
    expect((await admin.get('/api/v1/conversations?limit=100')).body.items).toHaveLength(3);
  });

  it('finds only their conversations in search (messages and contacts)', async () => {
    const staffHits = (await staff.get('/api/v1/search?q=hello')).body;
    expect(staffHits.messages.map((h: any) => h.message.conversationId)).toEqual([conv.mine.id]);
    expect(staffHits.contacts.every((h: any) => h.conversationId === conv.mine.id)).toBe(true);
    const adminHits = (await admin.get('/api/v1/search?q=hello')).body;
    expect(adminHits.messages).toHaveLength(3);
    // The list's own search (q=) is narrowed the same way.
    const listed = (await staff.get('/api/v1/conversations?q=Client')).body.items.map((c: any) => c.id);
    expect(listed).toEqual([conv.mine.id]);
  });

  it('bulk actions refuse others’ conversations as not found', async () => {
    const res = await staff.post('/api/v1/conversations/bulk', { ids: [conv.mine.id, conv.theirs.id, conv.free.id], action: 'close' });
    expect(res.status).toBe(200);
    expect(res.body.done).toEqual([conv.mine.id]);
    expect(res.body.refused.map((r: any) => [r.id, r.code]).sort()).toEqual(
      [
        [conv.theirs.id, 'not_found'],
        [conv.free.id, 'not_found'],
      ].sort(),
    );
    expect((await admin.get(`/api/v1/conversations/${conv.free.id}`)).body.state).toBe('open');
    await staff.post('/api/v1/conversations/bulk', { ids: [conv.mine.id], action: 'reopen' });
  });

  it('starting a conversation: only with a contact of theirs; any other (even one without a conversation) is not found and nothing is created', async () => {
    expect((await staff.post('/api/v1/conversations', { contactId: conv.theirs.contactId })).status).toBe(404);
    const mine = await staff.post('/api/v1/conversations', { contactId: conv.mine.contactId });
    expect([mine.status, mine.body.id]).toEqual([200, conv.mine.id]);
    // A contact nobody talks to yet is not theirs to claim (it, its invoices and appointments stay hidden).
    const fresh = await newContact(admin);
    const res = await staff.post('/api/v1/conversations', { contactId: fresh.id });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await server.pool.query('SELECT count(*)::int AS n FROM conversations WHERE contact_id = $1', [fresh.id])).rows[0].n).toBe(0);
    expect((await staff.get(`/api/v1/contacts/${fresh.id}`)).status).toBe(404);
  });
});

/** An opportunity, an appointment and an invoice of a contact (made by the admin). */
async function recordsOf(contactId: string, day: number) {
  const pipeline = (await admin.get('/api/v1/pipelines')).body.items[0];
  const calendarId = (await admin.get('/api/v1/calendars')).body.items[0].id;
  const opp = await admin.post('/api/v1/opportunities', { name: 'Filler package', contactId, pipelineId: pipeline.id, pipelineStageId: pipeline.stages[0].id });
  const startTime = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10) + 'T15:00:00.000Z';
  const appt = await admin.post('/api/v1/appointments', { title: 'Consult', contactId, calendarId, startTime });
  const inv = await admin.post('/api/v1/invoices', { contactId, items: [{ name: 'Peel', quantity: 1, unitPrice: 9000, taxRate: 0 }] });
  for (const r of [opp, appt, inv]) expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { opportunity: opp.body.id as string, appointment: appt.body.id as string, invoice: inv.body.id as string };
}

describe('the records of contacts whose conversation is not theirs', () => {
  let mine: Awaited<ReturnType<typeof recordsOf>>;
  let theirs: Awaited<ReturnType<typeof recordsOf>>;
  beforeAll(async () => {
    mine = await recordsOf(conv.mine.contactId, 40);
    theirs = await recordsOf(conv.theirs.contactId, 41);
  });

  it('answer 404 by id, and are left out of the lists (their own work normally)', async () => {
    const pipeline = (await admin.get('/api/v1/pipelines')).body.items[0];
    const byId = (contactId: string, r: typeof mine): [string, string, unknown?][] => [
      ['GET', `/api/v1/contacts/${contactId}`],
      ['PATCH', `/api/v1/contacts/${contactId}`, { firstName: 'Changed' }],
      ['GET', `/api/v1/opportunities/${r.opportunity}`],
      ['PATCH', `/api/v1/opportunities/${r.opportunity}`, { monetaryValue: 1 }],
      ['GET', `/api/v1/appointments/${r.appointment}`],
      ['PATCH', `/api/v1/appointments/${r.appointment}`, { title: 'Changed' }],
      ['GET', `/api/v1/invoices/${r.invoice}`],
      ['POST', `/api/v1/invoices/${r.invoice}/void`],
      ['POST', '/api/v1/opportunities', { name: 'X', contactId, pipelineId: pipeline.id, pipelineStageId: pipeline.stages[0].id }],
      ['POST', '/api/v1/invoices', { contactId, items: [{ name: 'X', quantity: 1, unitPrice: 1, taxRate: 0 }] }],
      ['GET', `/api/v1/opportunities?contactId=${contactId}`],
      ['DELETE', `/api/v1/contacts/${contactId}`],
    ];
    for (const [method, path, body] of byId(conv.theirs.contactId, theirs)) {
      const res = await staff.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    for (const [method, path] of byId(conv.mine.contactId, mine).filter(([m]) => m === 'GET')) {
      expect((await staff.request(method, path)).status, `${method} ${path}`).toBe(200);
    }
    const ids = async (path: string) => (await staff.get(path)).body.items.map((x: any) => x.id).sort();
    expect(await ids('/api/v1/contacts?limit=100')).toEqual([conv.mine.contactId]);
    expect(await ids('/api/v1/opportunities?limit=100')).toEqual([mine.opportunity]);
    expect(await ids('/api/v1/appointments?limit=100')).toEqual([mine.appointment]);
    expect(await ids('/api/v1/invoices?limit=100')).toEqual([mine.invoice]);
    // A duplicate phone is refused without naming another's contact.
    const theirPhone = (await admin.get(`/api/v1/contacts/${conv.theirs.contactId}`)).body.phone;
    const dup = await staff.post('/api/v1/contacts', { firstName: 'New', phone: theirPhone });
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ code: 'duplicate_contact', details: { field: 'phone' } });
    expect(JSON.stringify(dup.body)).not.toContain(conv.theirs.contactId);
    expect(dup.body.error.details.existingContactId).toBeUndefined();
    const minePhone = (await admin.get(`/api/v1/contacts/${conv.mine.contactId}`)).body.phone;
    expect((await staff.post('/api/v1/contacts', { firstName: 'New', phone: minePhone })).body.error.details.existingContactId).toBe(conv.mine.contactId);
    // Nothing was changed; the admin still sees everything.
    expect((await admin.get(`/api/v1/contacts/${conv.theirs.contactId}`)).body.firstName).toBe('Client');
    expect((await admin.get('/api/v1/contacts?limit=100')).body.items.length).toBeGreaterThanOrEqual(3);
    expect((await admin.get('/api/v1/invoices?limit=100')).body.items).toHaveLength(2);
  });

  it('attachments: those of others’ conversations and others’ unsent uploads answer 404', async () => {
    const upload = async (api: ApiClient) => {
      const f = new FormData();
      f.append('file', new Blob(['a note'], { type: 'text/plain' }), 'note.txt');
      const res = await api.request('POST', '/api/v1/attachments', f);
      expect(res.status).toBe(201);
      return res.body as { id: string; url: string };
    };
    const [onTheirs, onMine, adminsUnsent, staffsUnsent] = [await upload(admin), await upload(admin), await upload(admin), await upload(staff)];
    await deliver(server.pool, { locationId: fx.locationId, contactId: conv.theirs.contactId, body: 'file', attachmentIds: [onTheirs.id] });
    await deliver(server.pool, { locationId: fx.locationId, contactId: conv.mine.contactId, body: 'file', attachmentIds: [onMine.id] });
    expect((await staff.get(onTheirs.url)).status).toBe(404);
    expect((await staff.get(adminsUnsent.url)).status).toBe(404);
    expect((await staff.get(onMine.url)).status).toBe(200);
    expect((await staff.get(staffsUnsent.url)).status).toBe(200);
    expect((await admin.get(onTheirs.url)).status).toBe(200);
  });

  it('their socket carries the record events of their contacts only', async () => {
    const ws = await staff.socket();
    await ws.ready();
    await admin.patch(`/api/v1/contacts/${conv.theirs.contactId}`, { lastName: 'SecretName' });
    await admin.patch(`/api/v1/opportunities/${theirs.opportunity}`, { monetaryValue: 777001 });
    await admin.patch(`/api/v1/appointments/${theirs.appointment}`, { title: 'Secret consult' });
    await admin.post(`/api/v1/invoices/${theirs.invoice}/void`);
    await admin.post('/api/v1/contacts', { firstName: 'Brand', lastName: 'NewSecret', phone: '+12125559871' });
    // Then the same on their own contact: everything before it has been through the filter.
    await admin.patch(`/api/v1/opportunities/${mine.opportunity}`, { monetaryValue: 777002 });
    await admin.patch(`/api/v1/contacts/${conv.mine.contactId}`, { lastName: 'VisibleName' });
    await ws.waitFor((f) => f.some((x) => x.type === 'contact.updated' && x.data.lastName === 'VisibleName'), 5000, 'own contact');
    const seen = JSON.stringify(ws.frames);
    for (const secret of ['SecretName', '777001', 'Secret consult', theirs.invoice, 'NewSecret', conv.theirs.contactId]) expect(seen, secret).not.toContain(secret);
    expect(seen).toContain('777002');
    expect(ws.frames.some((f) => f.type === 'resync')).toBe(false);
    await ws.close();
  });
});

describe('their WebSocket', () => {
  let ws: LiveSocket;
  const comment = (id: string, body: string) => admin.post(`/api/v1/conversations/${id}/comments`, { body });
  const seen = (text: string) => JSON.stringify(ws.frames).includes(text);

  it('carries no event, typing or presence of others’ conversations', async () => {
    ws = await staff.socket();
    await ws.ready();
    await comment(conv.theirs.id, 'secret on theirs');
    await comment(conv.free.id, 'secret on free');
    await admin.patch(`/api/v1/conversations/${conv.free.id}`, { starred: true });
    await deliver(server.pool, { locationId: fx.locationId, contactId: conv.theirs.contactId, body: 'secret inbound' });
    await admin.post(`/api/v1/conversations/${conv.theirs.id}/typing`, { typing: true });
    await admin.post(`/api/v1/conversations/${conv.free.id}/presence`, { viewing: true, typing: true });
    // Then something of their own: everything before it has been through the filter.
    await admin.post(`/api/v1/conversations/${conv.mine.id}/presence`, { viewing: true });
    await comment(conv.mine.id, 'visible on mine');
    await ws.waitFor(() => seen('visible on mine') && ws.frames.some((f) => f.type === 'presence'), 5000, 'own events');
    for (const text of ['secret on theirs', 'secret on free', 'secret inbound', conv.theirs.id, conv.free.id]) expect(seen(text), text).toBe(false);
    expect(ws.frames.filter((f) => f.type === 'presence').map((f) => f.data.conversationId)).toEqual([conv.mine.id]);
    // Cursors still advance past the skipped events: no gap, no resync.
    expect(ws.frames.some((f) => f.type === 'resync')).toBe(false);
  });

  it('follows assignments: a conversation assigned to them appears, one taken away leaves', async () => {
    await admin.patch(`/api/v1/conversations/${conv.free.id}`, { assignedTo: fx.staff.id });
    await ws.waitFor((f) => f.some((x) => x.type === 'conversation.updated' && x.data.id === conv.free.id), 5000, 'assigned');
    await comment(conv.free.id, 'now visible on free');
    await ws.waitFor(() => seen('now visible on free'), 5000, 'comment after assignment');
    expect((await staff.get(`/api/v1/conversations/${conv.free.id}`)).status).toBe(200);

    await admin.patch(`/api/v1/conversations/${conv.free.id}`, { assignedTo: null });
    await ws.waitFor((f) => f.some((x) => x.type === 'conversation.deleted' && x.data.id === conv.free.id), 5000, 'taken away');
    await comment(conv.free.id, 'hidden again on free');
    await comment(conv.mine.id, 'marker after');
    await ws.waitFor(() => seen('marker after'), 5000, 'marker');
    expect(seen('hidden again on free')).toBe(false);
  });

  it('a replay after a reconnect is filtered the same way', async () => {
    const cursor = ws.frames.filter((f) => f.cursor).at(-1)!.cursor;
    await ws.close();
    await comment(conv.theirs.id, 'missed secret');
    await comment(conv.mine.id, 'missed mine');
    const again = await staff.socket(`?since=${encodeURIComponent(cursor)}`);
    const frames = await again.ready();
    expect(JSON.stringify(frames)).toContain('missed mine');
    expect(JSON.stringify(frames)).not.toContain('missed secret');
    ws = again;
  });

  it('lifting the permission reconnects their sockets, and everything is visible again', async () => {
    await admin.patch(`/api/v1/users/${fx.staff.id}`, { onlyAssigned: false });
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4002);
    expect((await staff.get(`/api/v1/conversations/${conv.theirs.id}`)).status).toBe(200);
    expect((await staff.get('/api/v1/conversations?limit=100')).body.items).toHaveLength(3);
    const next = await staff.socket();
    await next.ready();
    await comment(conv.theirs.id, 'now for everyone');
    await next.waitFor(() => JSON.stringify(next.frames).includes('now for everyone'), 5000, 'visible');
    await next.close();
  });
});
