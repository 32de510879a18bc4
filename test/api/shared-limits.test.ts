/**
 * Rate limits shared by every server process (http/shared-limit.ts): the same limit holds when
 * requests are spread over two real server processes on one database — the webhook limit, the
 * widget's per-IP limits — and a busy key costs few round trips to PostgreSQL. The widget's
 * unauthenticated lookups (made-up tokens, unknown locations) are limited per IP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/db/embedded';
import { SharedLimiter } from '../../src/server/http/shared-limit';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { spawnServer, startTestServer, type ServerProcess, type TestServer } from '../helpers/server';
import { connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const PRACTICE = '+12125550177';
const WEBHOOK_LIMIT = 400;

let a: TestServer;
let b: ServerProcess;
let fx: Fixture;

/** Waits until the current one-minute window has at least `need` seconds left (PostgreSQL's clock). */
async function roomInWindow(need: number) {
  const left = Number((await a.pool.query(`SELECT 60 - extract(epoch FROM now())::numeric % 60 AS left`)).rows[0].left);
  if (left < need) await new Promise((r) => setTimeout(r, (left + 0.5) * 1000));
}

beforeAll(async () => {
  const env = { WEBHOOK_RATE_LIMIT: String(WEBHOOK_LIMIT), TRUST_PROXY: 'true', WIDGET_IP_RATE_LIMIT: '10000' };
  a = await startTestServer(env);
  fx = await standardFixture(a.pool);
  const admin = await ApiClient.signedIn(a.url, fx.admin);
  await connectTwilio(admin, PRACTICE);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
  // A second server: its own OS process, the same database and secret key (DATA_DIR).
  b = await spawnServer({ ...env, DATABASE_URL: a.databaseUrl, DATA_DIR: a.dataDir, LOG_LEVEL: 'warn' });
}, 120_000);
afterAll(async () => {
  await b?.stop();
  await a?.stop();
});

describe('across two server processes', () => {
  it('the webhook limit is one budget: a little past half on each process is refused on the second', async () => {
    // Both with the channel's sealing key (DATA_DIR) and their own address as PUBLIC_URL (what Twilio signs).
    const limited = await startTestServer({ WEBHOOK_RATE_LIMIT: '6', DATA_DIR: a.dataDir }, a.databaseUrl);
    const port = await freePort();
    const other = await spawnServer({
      WEBHOOK_RATE_LIMIT: '6',
      DATABASE_URL: a.databaseUrl,
      DATA_DIR: a.dataDir,
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
    });
    try {
      await roomInWindow(20);
      const before = (await a.pool.query('SELECT count(*)::int AS n FROM messages')).rows[0].n;
      const send = (url: string, i: number) => postTwilio(url, '/webhooks/twilio/sms', inboundSms('+19175550188', PRACTICE, `shared ${i}`)).then((r) => r.status);
      const first: number[] = [];
      for (let i = 0; i < 4; i++) first.push(await send(limited.url, i));
      const second: number[] = [];
      for (let i = 4; i < 8; i++) second.push(await send(other.url, i));
      expect(first).toEqual([200, 200, 200, 200]);
      expect(second).toEqual([200, 200, 429, 429]);
      expect((await a.pool.query('SELECT count(*)::int AS n FROM messages')).rows[0].n).toBe(before + 6);
    } finally {
      await other.stop();
      await limited.stop();
    }
  });

  it('a busy key (reserved in chunks) never goes past the limit, and loses at most a chunk per process', async () => {
    await roomInWindow(20);
    // Unsigned calls: the limit is counted before anything else (415 = let through, 429 = limited).
    const call = (url: string) =>
      fetch(`${url}/webhooks/twilio/sms`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.77' } }).then((r) => r.status);
    const statuses: number[] = [];
    for (let round = 0; round < 30; round++) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? a.url : b.url)))));
    }
    const through = statuses.filter((s) => s === 415).length;
    expect(statuses.filter((s) => s !== 415 && s !== 429)).toEqual([]);
    expect(statuses.length).toBe(300);
    expect(through).toBe(300); // 300 < 400: nothing refused yet
    for (let round = 0; round < 30; round++) {
      statuses.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => call(i % 2 ? a.url : b.url)))));
    }
    const total = statuses.filter((s) => s === 415).length;
    // Per process, at most max/20 = 20 hits reserved and not spent when the other process asks.
    expect(total).toBeLessThanOrEqual(WEBHOOK_LIMIT);
    expect(total).toBeGreaterThanOrEqual(WEBHOOK_LIMIT - 2 * 20);
    const limited = await fetch(`${a.url}/webhooks/twilio/sms`, { method: 'POST', headers: { 'x-forwarded-for': '203.0.113.77' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('rate_limited');
  });

  it('new web chat visitors per IP (20 a minute) are counted across both processes', async () => {
    await roomInWindow(15);
    const start = (url: string) => new WidgetVisitor(url, fx.locationId, SITE, { 'x-forwarded-for': '203.0.113.90' }).start().then((r) => r.status);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push(await start(a.url));
    for (let i = 0; i < 10; i++) statuses.push(await start(b.url));
    expect(statuses.every((s) => s === 201)).toBe(true);
    expect(await start(a.url)).toBe(429);
    expect(await start(b.url)).toBe(429);
  });
});

describe('the limiter', () => {
  it('a busy key costs a round trip per chunk, not per hit; concurrent hits share one reservation', async () => {
    const limiter = new SharedLimiter(a.pool);
    const limit = { name: 'test-busy', max: 100_000, windowSeconds: 60 };
    await roomInWindow(10);
    for (let i = 0; i < 3000; i++) await limiter.hit(limit, 'k');
    // 1, 2, 4, … 512, then 1000 at a time: 13 round trips for 3000 hits.
    expect(limiter.reservations).toBeLessThanOrEqual(15);
    const concurrent = new SharedLimiter(a.pool);
    await Promise.all(Array.from({ length: 200 }, () => concurrent.hit({ ...limit, name: 'test-burst' }, 'k')));
    expect(concurrent.reservations).toBeLessThanOrEqual(10);
    const counted = await a.pool.query(`SELECT sum(hits)::int AS n FROM rate_limit_hits WHERE key IN ('test-busy:k', 'test-burst:k')`);
    expect(counted.rows[0].n).toBeGreaterThanOrEqual(3200);
  });

  it('a small limit is exact, refuses with Retry-After, and a refused key stops asking PostgreSQL', async () => {
    const limiter = new SharedLimiter(a.pool);
    const limit = { name: 'test-small', max: 5, windowSeconds: 60 };
    await roomInWindow(10);
    for (let i = 0; i < 5; i++) await limiter.hit(limit, 'k');
    const trips = limiter.reservations;
    for (let i = 0; i < 50; i++) {
      await expect(limiter.hit(limit, 'k')).rejects.toMatchObject({ status: 429, code: 'rate_limited', details: { retryAfterSeconds: expect.any(Number) } });
    }
    expect(limiter.reservations).toBe(trips + 1);
    // Another process (another limiter) sees the same count.
    await expect(new SharedLimiter(a.pool).hit(limit, 'k')).rejects.toMatchObject({ status: 429 });
  });
});

describe('the widget’s unauthenticated lookups', () => {
  it('are limited per IP before any lookup: made-up tokens and unknown locations', async () => {
    const server = await startTestServer({ TRUST_PROXY: 'true', WIDGET_IP_RATE_LIMIT: '8' }, a.databaseUrl);
    try {
      await roomInWindow(10);
      const ip = { 'x-forwarded-for': '203.0.113.120' };
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const v = new WidgetVisitor(server.url, fx.locationId, SITE, ip);
        v.token = `made-up-token-${i}-${'x'.repeat(30)}`;
        statuses.push((await v.messages()).status);
      }
      for (let i = 0; i < 3; i++) statuses.push((await new WidgetVisitor(server.url, crypto.randomUUID(), SITE, ip).request('GET', '/config')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 404, 404, 404]);
      const v = new WidgetVisitor(server.url, fx.locationId, SITE, ip);
      v.token = 'yet-another-made-up-token-' + 'y'.repeat(30);
      const limited = await v.messages();
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('rate_limited');
      // Another address is not affected.
      expect((await new WidgetVisitor(server.url, fx.locationId, SITE, { 'x-forwarded-for': '203.0.113.121' }).request('GET', '/config')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('the pay page is limited per IP too (tokens cannot be tried in bulk)', async () => {
    await roomInWindow(10);
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) {
      statuses.push((await fetch(`${a.url}/pay/${'A'.repeat(42)}${i % 10}`, { headers: { 'x-forwarded-for': '203.0.113.130' } })).status);
    }
    expect(statuses.slice(0, 120).every((s) => s === 404)).toBe(true);
    expect(statuses[120]).toBe(429);
  });
});
