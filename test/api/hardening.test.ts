import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ApiClient } from '../helpers/client';
import { createUser, type Fixture } from '../helpers/fixtures';
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

describe('malformed input answers 4xx, never 500', () => {
  it('cursors that were not issued by the list', async () => {
    const forged = (k: string, id: string) => Buffer.from(JSON.stringify([k, id])).toString('base64url');
    for (const cursor of [
      'garbage',
      forged('not a time', '6f1c1f2e-1111-4222-8333-444455556666'),
      forged('2026-11-25 01:02:03+00', '-'.repeat(36)),
      forged('2026-13-45 99:99:99+00', '6f1c1f2e-1111-4222-8333-444455556666'),
    ]) {
      const res = await admin.get(`/api/v1/conversations?cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.code).toMatch(/invalid_cursor|bad_request/);
    }
  });

  it('an owner who is not on the team', async () => {
    const res = await admin.post('/api/v1/contacts', { name: 'Owned', ownerId: fx.stranger.id });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_owner');
    const ok = await admin.post('/api/v1/contacts', { name: 'Owned Right', ownerId: fx.staff.id });
    expect(ok.body.ownerId).toBe(fx.staff.id);
  });

  it('a mention that is not a user id is plain text', async () => {
    const c = await newContact(admin);
    const conv = (await admin.post('/api/v1/conversations', { contactId: c.id })).body;
    const res = await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: `@[x](${'-'.repeat(36)}) hi` });
    expect(res.status).toBe(201);
    expect(res.body.meta.mentions).toEqual([]);
  });

  it('a WebSocket handshake with Origin: null and a session cookie', async () => {
    const ws = new WebSocket(server.url.replace('http', 'ws') + '/api/v1/ws', { headers: { cookie: admin.cookie!, origin: 'null' } });
    const status = await new Promise((resolve) => ws.once('unexpected-response', (_q, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });
});

describe('tenancy edge cases', () => {
  it('a contact of another location is 404 even when the patch would also be a duplicate', async () => {
    const mine = await newContact(admin);
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    const theirs = await other.post('/api/v1/contacts', { name: 'Theirs', phone: '07700 900777' });
    const res = await admin.patch(`/api/v1/contacts/${theirs.body.id}`, { phone: mine.phone });
    expect(res.status).toBe(404);
  });
});

describe('CSRF on every unsafe method', () => {
  it('PATCH, PUT and DELETE with a cookie and no token are refused', async () => {
    const c = await newContact(admin);
    const noToken = { 'x-csrf-token': '' };
    expect((await admin.request('PATCH', `/api/v1/contacts/${c.id}`, { firstName: 'X' }, noToken)).status).toBe(403);
    expect((await admin.request('DELETE', `/api/v1/contacts/${c.id}`, undefined, noToken)).status).toBe(403);
    expect((await admin.request('PUT', '/api/v1/me/location', { locationId: fx.locationId }, noToken)).status).toBe(403);
    expect((await admin.request('POST', '/api/v1/auth/logout', {}, noToken)).status).toBe(403);
    expect((await admin.get(`/api/v1/contacts/${c.id}`)).body.firstName).toBe('Client');
  });
});

describe('sockets end with the access that opened them', () => {
  it('a revoked API key', async () => {
    const key = await admin.post('/api/v1/api-keys', { name: 'socket key' });
    const bot = ApiClient.withKey(server.url, key.body.key);
    const ws = await bot.socket();
    await ws.ready();
    await admin.delete(`/api/v1/api-keys/${key.body.id}`);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
  });

  it('a session that switches location', async () => {
    const both = await createUser(server.pool, 'switcher@test.local', 'Switcher', [
      [fx.locationId, 'user'],
      [fx.otherLocationId, 'user'],
    ]);
    const c = await ApiClient.signedIn(server.url, both);
    const ws = await c.socket();
    await ws.ready();
    await c.put('/api/v1/me/location', { locationId: fx.otherLocationId });
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
  });
});

describe('real-time recovery', () => {
  it('delivers what was committed while the LISTEN connection was down', async () => {
    const ws = await admin.socket();
    await ws.ready();
    const c = await newContact(admin);
    await ws.waitFor((f) => f.some((x) => x.type === 'contact.created' && x.data.id === c.id));
    await server.pool.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'aesthetix-listen' AND datname = current_database()`);
    // Written while the hub is deaf (and nothing after it to reveal a gap).
    const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'while deaf' });
    const frames = await ws.waitFor((f) => f.some((x) => x.data?.id === message.id), 8000, 'the message written while deaf');
    const seqs = frames.filter((f) => f.type !== 'ready').map((f) => Number(f.cursor.split('.')[0]));
    expect(new Set(seqs).size).toBe(seqs.length);
    await ws.close();
  });

  it('answers resync to a cursor from the future', async () => {
    const ws = await admin.socket(`?since=${encodeURIComponent('999999.' + fx.locationId.slice(0, 8))}`);
    const frames = await ws.ready();
    expect(frames[0].type).toBe('resync');
    await ws.close();
  });

  it('tells a client to resync when the events it missed were pruned', async () => {
    const ws = await admin.socket();
    const start = (await ws.ready()).at(-1)!.cursor;
    await ws.close();
    for (let i = 0; i < 3; i++) await newContact(admin);
    await server.pool.query(`UPDATE events SET created_at = now() - interval '30 days' WHERE location_id = $1`, [fx.locationId]);
    const { pruneEvents } = await import('../../src/server/realtime/event-log');
    expect(await pruneEvents(server.pool, 7)).toBeGreaterThan(0);
    const again = await admin.socket(`?since=${encodeURIComponent(start)}`);
    const frames = await again.ready();
    expect(frames[0].type).toBe('resync');
    await again.close();
  });
});
