/**
 * Group commit and crashes: the server process is killed (SIGKILL, no shutdown) while a burst of
 * webhooks is in flight. Every webhook it acknowledged is stored; the provider's retries of the
 * unacknowledged ones, sent to a restarted server, store each message exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { freshDatabase, spawnServer, type ServerProcess } from '../helpers/server';
import { connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';
import { createPool, type Pool } from '../../src/server/db/pool';
import { freePort } from '../../src/server/db/embedded';

const PRACTICE = '+12125550100';
let dbUrl: string;
let pool: Pool;
let fx: Fixture;
let server: ServerProcess | undefined;
let port: number;

/** The same address each time: webhook signatures cover the URL the provider calls. */
const start = () => spawnServer({ DATABASE_URL: dbUrl, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn' });

beforeAll(async () => {
  dbUrl = await freshDatabase();
  pool = createPool(dbUrl, 2);
  fx = await standardFixture(pool);
  port = await freePort();
  server = await start();
  await connectTwilio(await ApiClient.signedIn(server.url, fx.admin), PRACTICE);
}, 90_000);
afterAll(async () => {
  await server?.stop('SIGKILL');
  await pool.end();
});

describe('a crash during a burst of webhooks', () => {
  it('loses no acknowledged message and stores each retried one once', async () => {
    const deliveries = Array.from({ length: 400 }, (_, i) => inboundSms(`+1917555${String(1000 + (i % 40)).padStart(4, '0')}`, PRACTICE, `Burst message ${i}`));
    const acked = new Set<number>();
    let killed = false;
    const url = server!.url;
    // 24 webhooks in flight at any time, as a provider's steady stream; the process is killed
    // outright (no shutdown) once 120 are acknowledged, with a full window of them in flight.
    let next = 0;
    const sender = async () => {
      while (!killed && next < deliveries.length) {
        const i = next++;
        const r = await postTwilio(url, '/webhooks/twilio/sms', deliveries[i]).catch(() => null); // died with the process
        if (r?.status === 200) acked.add(i);
        if (acked.size >= 120 && !killed) {
          killed = true;
          server!.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 24 }, sender));
    expect(killed).toBe(true);
    expect(acked.size).toBeGreaterThanOrEqual(120);
    expect(acked.size).toBeLessThan(deliveries.length); // the kill really cut the burst short

    const stored = async () =>
      new Set(
        (await pool.query<{ sid: string }>(`SELECT provider_message_id AS sid FROM messages WHERE location_id = $1 AND provider = 'twilio'`, [fx.locationId])).rows.map(
          (r) => r.sid,
        ),
      );
    const afterCrash = await stored();
    for (const i of acked) expect(afterCrash.has(deliveries[i].MessageSid)).toBe(true);

    // The provider retries whatever it did not get a 200 for (and, to be sure, everything again).
    server = await start();
    const retried = await Promise.all(deliveries.map((d) => postTwilio(server!.url, '/webhooks/twilio/sms', d)));
    expect(retried.every((r) => r.status === 200)).toBe(true);
    const counts = await pool.query<{ n: number; distinct: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT provider_message_id)::int AS distinct FROM messages WHERE location_id = $1 AND provider = 'twilio'`,
      [fx.locationId],
    );
    expect(counts.rows[0]).toEqual({ n: 400, distinct: 400 });
    // Unread counts agree with the messages: each of the 40 senders' conversations has 10.
    const unread = await pool.query<{ unread_count: number }>(`SELECT unread_count FROM conversations WHERE location_id = $1`, [fx.locationId]);
    expect(unread.rows.map((r) => r.unread_count)).toEqual(Array(40).fill(10));
  }, 120_000);
});
