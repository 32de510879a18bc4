import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type Frame } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { deliver, newContact } from '../helpers/data';
import { freshDatabase, spawnServer, type ServerProcess, type TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let api: ApiClient;
let conversationId: string;

const seqOf = (f: Frame) => Number(f.cursor.split('.')[0]);
const comment = (body: string, client = api) => client.post(`/api/v1/conversations/${conversationId}/comments`, { body });

beforeAll(async () => {
  ({ server, fx, admin: api } = await standardServer());
  const c = await newContact(api);
  conversationId = (await api.post('/api/v1/conversations', { contactId: c.id })).body.id;
});
afterAll(() => server.stop());

describe('WebSocket', () => {
  it('needs the same auth as the API', async () => {
    await expect(new ApiClient(server.url).socket()).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a cookie-authenticated handshake from another origin', async () => {
    const ws = new (await import('ws')).default(server.url.replace('http', 'ws') + '/api/v1/ws', {
      headers: { cookie: api.cookie!, origin: 'https://evil.example' },
    });
    const status = await new Promise((resolve) => ws.once('unexpected-response', (_q, res) => resolve(res.statusCode)));
    expect(status).toBe(403);
  });

  it('delivers a change made over HTTP, with the event written in the same transaction', async () => {
    const ws = await api.socket();
    await ws.ready();
    const res = await comment('live one');
    await ws.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.id === res.body.id));
    const ev = ws.events().find((x) => x.type === 'message.created')!;
    expect(ev.data).toMatchObject({ body: 'live one', messageType: 'TYPE_INTERNAL_COMMENT', conversationId });
    const logged = await server.pool.query(`SELECT type FROM events WHERE location_id = $1 AND seq = $2`, [fx.locationId, seqOf(ev)]);
    expect(logged.rows[0].type).toBe('message.created');
    await ws.close();
  });

  it('gives a client only its current location’s events', async () => {
    const mine = await api.socket();
    const theirs = await (await ApiClient.signedIn(server.url, fx.stranger)).socket();
    await Promise.all([mine.ready(), theirs.ready()]);
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    const bContact = await newContact(other);
    await comment('for A only');
    await mine.waitFor((f) => f.some((x) => x.data?.body === 'for A only'));
    await theirs.waitFor((f) => f.some((x) => x.type === 'contact.created' && x.data.id === bContact.id));
    expect(JSON.stringify(theirs.frames)).not.toContain('for A only');
    expect(JSON.stringify(mine.frames)).not.toContain(bContact.id);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('replays exactly the missed events after a reconnect with since, then goes on live', async () => {
    const first = await api.socket();
    await comment('before the drop');
    const before = await first.waitFor((f) => f.some((x) => x.data?.body === 'before the drop'));
    const cursor = before[before.length - 1].cursor;
    await first.close();

    const missed: string[] = [];
    for (let i = 0; i < 5; i++) missed.push((await comment(`missed ${i}`)).body.id);

    const again = await api.socket(`?since=${encodeURIComponent(cursor)}`);
    const frames = await again.ready();
    const replayed = frames.filter((f) => f.type !== 'ready');
    // Each comment is message.created (+ nothing else: comments do not touch the conversation row…
    // except updated_at, which is not an event). Every seq after the cursor, once, in order.
    const seqs = replayed.map(seqOf);
    expect(seqs).toEqual(seqs.map((_, i) => seqOf({ cursor } as Frame) + 1 + i));
    expect(replayed.filter((f) => f.type === 'message.created').map((f) => f.data.id)).toEqual(missed);

    await comment('after the reconnect');
    const live = await again.waitFor((f) => f.some((x) => x.data?.body === 'after the reconnect'));
    const all = live.filter((f) => f.type !== 'ready').map(seqOf);
    expect(new Set(all).size).toBe(all.length);
    await again.close();
  });

  it('loses and repeats nothing when events keep coming during the reconnect', async () => {
    const first = await api.socket();
    const head = (await first.ready()).at(-1)!.cursor;
    await first.close();
    const writes = Array.from({ length: 40 }, (_, i) => comment(`storm ${i}`));
    const ws = await api.socket(`?since=${encodeURIComponent(head)}`);
    const ids = (await Promise.all(writes)).map((r) => r.body.id);
    await ws.waitFor((f) => ids.every((id) => f.some((x) => x.data?.id === id)), 10_000, 'all 40 comments');
    const seqs = ws.events().map(seqOf);
    const start = Number(head.split('.')[0]);
    expect(seqs).toEqual(seqs.map((_, i) => start + 1 + i)); // contiguous, ordered, no duplicates
    await ws.close();
  });

  it('asks for a resync when the cursor is unknown or from another location', async () => {
    const ws = await api.socket(`?since=${encodeURIComponent('1.' + fx.otherLocationId.slice(0, 8))}`);
    const frames = await ws.ready();
    expect(frames[0].type).toBe('resync');
    await ws.close();
  });

  it('closes the socket of a session that logs out', async () => {
    const c = await ApiClient.signedIn(server.url, fx.staff);
    const ws = await c.socket();
    await ws.ready();
    await c.post('/api/v1/auth/logout');
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
  });

  it('carries events written directly through the database layer (a provider webhook) too', async () => {
    const ws = await api.socket();
    await ws.ready();
    const c = await newContact(api);
    const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: c.id, body: 'inbound!' });
    const frames = await ws.waitFor((f) => f.some((x) => x.type === 'conversation.created' && x.data.contact.id === c.id));
    expect(frames.find((x) => x.type === 'message.created' && x.data.id === message.id)).toBeTruthy();
    const conv = frames.find((x) => x.type === 'conversation.created')!.data;
    expect(conv).toMatchObject({ unreadCount: 1, lastMessage: { body: 'inbound!' } });
    await ws.close();
  });

  it('sends an event too large for NOTIFY by reference, complete', async () => {
    const ws = await api.socket();
    await ws.ready();
    const body = 'x'.repeat(9000);
    await comment(body);
    const frames = await ws.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.body === body));
    expect(frames.filter((x) => x.type === 'message.created' && x.data.body === body)).toHaveLength(1);
    await ws.close();
  });
});

describe('several server processes on one database', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let dbUrl: string;

  beforeAll(async () => {
    dbUrl = await freshDatabase();
    [a, b] = await Promise.all([spawnServer({ DATABASE_URL: dbUrl }), spawnServer({ DATABASE_URL: dbUrl })]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('delivers a change made through process A on a socket connected to process B', async () => {
    const { createPool } = await import('../../src/server/db/pool');
    const pool = createPool(dbUrl, 2);
    const local = await standardFixture(pool);
    await pool.end();
    const viaA = await ApiClient.signedIn(a.url, local.admin);
    const onB = await ApiClient.signedIn(b.url, local.staff);
    const ws = await onB.socket();
    await ws.ready();
    const contact = await newContact(viaA);
    const conv = (await viaA.post('/api/v1/conversations', { contactId: contact.id })).body;
    const c = await viaA.post(`/api/v1/conversations/${conv.id}/comments`, { body: 'made on A' });
    const frames = await ws.waitFor((f) => f.some((x) => x.data?.id === c.body.id), 5000, 'comment from A');
    expect(frames.map((f) => f.type)).toEqual(['ready', 'contact.created', 'conversation.created', 'counts.updated', 'message.created']);
    await ws.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    const code = await b.stop('SIGTERM');
    expect(code).toBe(0);
    expect(b.output()).toContain('SIGTERM received; shutting down');
  });
});
