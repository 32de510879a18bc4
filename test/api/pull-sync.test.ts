/**
 * Pull sync as a part of the channel platform (sync/): a provider that is pulled page by page — a
 * stand-in feed served over HTTP by this test, behind a channel adapter of the test's own — has
 * every item stored once through the core's ingest, its cursor kept with the rows, exactly one
 * process pulling at a time, failures backed off and shown to admins, a revoked grant pausing the
 * stream, and a restart in the middle losing and repeating nothing.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelAdapter, Connection } from '../../src/server/channels/adapter';
import { insertConnection } from '../../src/server/channels/store';
import { withTx } from '../../src/server/db/tx';
import { ReconnectNeeded } from '../../src/server/sync/run';
import { openStreams } from '../../src/server/sync/streams';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { freshDatabase, startTestServer, type TestServer } from '../helpers/server';

/** The feed: 120 items, pages of `limit` after a position; faults and slowness on demand. */
class Feed {
  items = Array.from({ length: 120 }, (_, i) => ({ id: `item-${String(i + 1).padStart(3, '0')}`, from: `+1646555${String(2000 + (i % 7)).padStart(4, '0')}`, text: `Feed item ${i + 1}` }));
  inFlight = new Map<string, number>();
  maxInFlight = new Map<string, number>();
  requests = 0;
  failNext = 0;
  revoked = new Set<string>();
  delayMs = 0;
  server = http.createServer(async (req, res) => {
    const u = new URL(req.url!, 'http://x');
    const token = u.searchParams.get('token')!;
    this.requests++;
    this.inFlight.set(token, (this.inFlight.get(token) ?? 0) + 1);
    this.maxInFlight.set(token, Math.max(this.maxInFlight.get(token) ?? 0, this.inFlight.get(token)!));
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.revoked.has(token)) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
      if (this.failNext > 0) {
        this.failNext--;
        return void res.writeHead(503).end('busy');
      }
      const after = Number(u.searchParams.get('after') ?? 0);
      const limit = Number(u.searchParams.get('limit') ?? 25);
      const page = this.items.slice(after, after + limit);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: page, next: after + page.length, more: after + page.length < this.items.length }));
    } finally {
      this.inFlight.set(token, this.inFlight.get(token)! - 1);
    }
  });
  url = '';
  async start() {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

const feed = new Feed();

/** A channel adapter for the feed: connection {url, token}, one stream, items as inbound SMS-like items. */
const feedAdapter: ChannelAdapter = {
  provider: 'testfeed',
  label: 'Test feed',
  sendTypes: [],
  inbound: {
    sync: {
      streams: () => ['items'],
      intervalMs: 60_000,
      initialCursor: () => ({ after: 0 }),
      async pull(_deps, conn: Connection, _stream, cursor) {
        const res = await fetch(`${conn.config.url}/items?after=${cursor.after ?? 0}&limit=25&token=${conn.secrets.token}`);
        if (res.status === 401) throw new ReconnectNeeded('The feed says the grant was revoked.');
        if (!res.ok) throw new Error(`The feed answered ${res.status}.`);
        const body = (await res.json()) as { items: { id: string; from: string; text: string }[]; next: number; more: boolean };
        return {
          items: body.items.map((i) => ({
            locationId: conn.locationId,
            channelId: conn.id,
            provider: 'testfeed',
            identity: { kind: 'phone' as const, value: i.from },
            source: 'feed',
            messageType: 'TYPE_SMS' as const,
            providerMessageId: i.id,
            body: i.text,
            channel: { from: i.from },
          })),
          cursor: { after: body.next },
          more: body.more,
        };
      },
    },
  },
};

let dbUrl: string;
/** Processes that share a database share the key that seals provider secrets. */
const ENV = { SECRET_KEY: randomBytes(32).toString('base64') };
let fx: Fixture;
let a: TestServer;

async function connectFeed(server: TestServer, locationId: string, token: string): Promise<string> {
  return withTx(server.pool, async (tx) => {
    const c = await insertConnection(tx, server.deps.secrets, locationId, 'testfeed', { name: 'Feed', config: { url: feed.url }, secrets: { token }, addresses: [] });
    await openStreams(tx, locationId, c.id, ['items'], { after: 0 });
    return c.id;
  });
}

const stored = async (server: TestServer, locationId: string) =>
  (
    await server.pool.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT provider_message_id)::int AS distinct FROM messages WHERE location_id = $1 AND provider = 'testfeed'`,
      [locationId],
    )
  ).rows[0];

beforeAll(async () => {
  await feed.start();
  dbUrl = await freshDatabase();
  a = await startTestServer(ENV, dbUrl, { adapters: [feedAdapter] });
  fx = await standardFixture(a.pool);
});
afterAll(async () => {
  await a?.stop();
  feed.server.close();
});

describe('pull sync', () => {
  it('imports every page once, keeps the cursor with the rows, and shows the stream to admins', async () => {
    await connectFeed(a, fx.locationId, 'token-1');
    await expect.poll(() => stored(a, fx.locationId), { timeout: 20_000, interval: 200 }).toEqual({ n: 120, distinct: 120 });
    const admin = await ApiClient.signedIn(a.url, fx.admin);
    const channel = (await admin.get('/api/v1/channels')).body.items.find((c: any) => c.type === 'testfeed');
    expect(channel.sync).toEqual([expect.objectContaining({ stream: 'items', stage: 'incremental', failures: 0, itemsImported: 120, lastError: null })]);
    expect(channel.sync[0].lastSuccessAt).not.toBeNull();
    const cursor = await a.pool.query(`SELECT cursor FROM sync_streams WHERE location_id = $1`, [fx.locationId]);
    expect(cursor.rows[0].cursor).toEqual({ after: 120 });
    // Seven senders: seven contacts, each with one conversation, found by phone identity.
    const convs = await a.pool.query(`SELECT count(*)::int AS n FROM conversations WHERE location_id = $1`, [fx.locationId]);
    expect(convs.rows[0].n).toBe(7);
  });

  it('backs off after a failure, shows it on the connection, then recovers', async () => {
    const loc = fx.otherLocationId;
    feed.failNext = 1;
    const id = await connectFeed(a, loc, 'token-2');
    await expect
      .poll(async () => (await a.pool.query(`SELECT failures, last_error FROM sync_streams WHERE channel_id = $1`, [id])).rows[0], { timeout: 15_000 })
      .toMatchObject({ failures: 1, last_error: 'The feed answered 503.' });
    const status = await a.pool.query(`SELECT status, last_error FROM channels WHERE id = $1`, [id]);
    expect(status.rows[0]).toEqual({ status: 'error', last_error: 'The feed answered 503.' });
    await expect.poll(() => stored(a, loc), { timeout: 30_000, interval: 250 }).toEqual({ n: 120, distinct: 120 });
    const after = await a.pool.query(`SELECT c.status, s.failures FROM channels c JOIN sync_streams s ON s.channel_id = c.id WHERE c.id = $1`, [id]);
    expect(after.rows[0]).toEqual({ status: 'active', failures: 0 });
  });

  it('pauses a stream whose grant was revoked and asks for a reconnect', async () => {
    const loc = (await a.pool.query(`INSERT INTO locations (name) VALUES ('Revoked clinic') RETURNING id`)).rows[0].id;
    feed.revoked.add('token-3');
    const id = await connectFeed(a, loc, 'token-3');
    await expect.poll(async () => (await a.pool.query(`SELECT status FROM channels WHERE id = $1`, [id])).rows[0].status, { timeout: 15_000 }).toBe('reconnect');
    const stream = await a.pool.query(`SELECT stage FROM sync_streams WHERE channel_id = $1`, [id]);
    expect(stream.rows[0].stage).toBe('paused');
    const before = feed.requests;
    await new Promise((r) => setTimeout(r, 1500));
    expect(feed.requests).toBe(before); // no crash loop against the provider
  });

  it('pulls a stream in one process at a time, and a restart in the middle loses and repeats nothing', async () => {
    const loc = (await a.pool.query(`INSERT INTO locations (name) VALUES ('Two servers') RETURNING id`)).rows[0].id;
    const b = await startTestServer(ENV, dbUrl, { adapters: [feedAdapter] });
    try {
      feed.delayMs = 150;
      const channelId = await connectFeed(a, loc, 'token-4');
      // Extra jobs for the same stream without the job key (as a bug or a hand-made job would add):
      // both processes' workers take them at once; the stream's lock lets one pull at a time.
      for (let i = 0; i < 4; i++) {
        await a.pool.query(`SELECT graphile_worker.add_job('sync_stream', $1::json)`, [JSON.stringify({ locationId: loc, channelId, stream: 'items' })]);
      }
      await expect.poll(() => stored(a, loc).then((s) => s.n), { timeout: 15_000, interval: 50 }).toBeGreaterThan(20);
      await a.stop(); // the first process goes away mid-import
      await expect.poll(() => stored(b, loc), { timeout: 30_000, interval: 250 }).toEqual({ n: 120, distinct: 120 });
      expect(feed.maxInFlight.get('token-4')).toBe(1);
    } finally {
      feed.delayMs = 0;
      a = await startTestServer(ENV, dbUrl, { adapters: [feedAdapter] }); // for afterAll
      await b.stop();
    }
  });
});
