/**
 * Webhook ingest: signed Twilio inbound SMS over HTTP at concurrency 32 — messages per second and
 * acknowledgement latency — against the raw-database baseline: the very statements the ingest
 * path commits for a message (the channel lookup, then recordInboundBatch in a transaction of its
 * own), issued directly through pg from this process at the same concurrency and pool size, with
 * no HTTP and no group commit. The server groups concurrent webhooks into shared transactions
 * (messages/inbound-queue.ts), which is how it can beat the one-transaction-per-message baseline.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { twilioSignature } from '../../src/server/channels/twilio/signature';
import { envelopeOf } from '../../src/server/channels/twilio/inbound-sms';
import { asTwilio } from '../../src/server/channels/twilio/connection';
import { createAppPool } from '../../src/server/compose';
import { recordInboundBatch } from '../../src/server/messages/inbound-batch';
import { withTx } from '../../src/server/db/tx';
import { connectionByAddress } from '../../src/server/channels/store';
import { createSecrets, loadSecretKey } from '../../src/server/crypto/secrets';
import { loadConfig } from '../../src/server/config';
import { SENTENCES } from '../generate/corpus';
import { Http } from '../lib/http';
import { pooled } from '../lib/parallel';
import { ms, summarize } from '../lib/stats';
import { cpuPer, postmasterOf, readCpu } from '../lib/cpu';
import { BENCH_SECRET_KEY } from '../lib/server';
import type { MeasureContext, Row } from './context';

export const SMS_PATH = '/webhooks/twilio/sms';

export interface Inbound {
  params: Record<string, string>;
  signature: string;
}

/** Phones the inbound messages come from: 80% existing contacts, 20% new numbers. */
export async function senderPhones(ctx: MeasureContext, count: number): Promise<string[]> {
  const existing = await ctx.pool.query<{ phone: string }>(
    `SELECT phone FROM contacts WHERE location_id = $1 AND phone IS NOT NULL ORDER BY random() LIMIT $2`,
    [ctx.admin.locationId, Math.ceil(count * 0.8)],
  );
  const phones = existing.rows.map((r) => r.phone);
  while (phones.length < count) phones.push(`+1${901 + Math.floor(Math.random() * 89)}${8000000 + Math.floor(Math.random() * 1999999)}`);
  return phones;
}

/** n signed inbound SMS webhooks (signed up front: signing is the provider's work, not ours). */
export function inboundBatch(ctx: MeasureContext, phones: string[], n: number, body?: (i: number) => string): Inbound[] {
  return Array.from({ length: n }, (_, i) => {
    const sid = 'SM' + randomBytes(16).toString('hex');
    const params: Record<string, string> = {
      ToCountry: 'US', ToState: 'NY', SmsMessageSid: sid, NumMedia: '0', ToCity: 'NEW YORK', FromZip: '10001', SmsSid: sid,
      FromState: 'NY', SmsStatus: 'received', FromCity: 'NEW YORK', Body: body ? body(i) : SENTENCES[i % SENTENCES.length], FromCountry: 'US',
      To: ctx.twilio.number, ToZip: '10001', NumSegments: '1', MessageSid: sid, AccountSid: ctx.twilio.accountSid,
      From: phones[i % phones.length], ApiVersion: '2010-04-01',
    };
    return { params, signature: twilioSignature(ctx.twilio.authToken, ctx.server.url + SMS_PATH, params) };
  });
}

export function postInbound(http: Http, m: Inbound) {
  return http.request('POST', SMS_PATH, new URLSearchParams(m.params).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': m.signature,
  });
}

async function storedCount(ctx: MeasureContext, batch: Inbound[]): Promise<number> {
  const r = await ctx.pool.query(`SELECT count(*)::int AS n FROM messages WHERE location_id = $1 AND provider = 'twilio' AND provider_message_id = ANY($2)`, [
    ctx.admin.locationId,
    batch.map((m) => m.params.MessageSid),
  ]);
  return r.rows[0].n;
}

export async function measureIngest(ctx: MeasureContext): Promise<Row[]> {
  const { count, concurrency } = ctx.opts.ingest;
  const phones = await senderPhones(ctx, Math.min(count, 5000));
  // Warm-up: JIT, connections, and the first executions of prepared statements (custom plans).
  const warm = Math.min(1000, Math.ceil(count / 10));
  const postmaster = await postmasterOf(ctx.pool);

  // Over HTTP, into the server process.
  const http = new Http(ctx.server.url, concurrency);
  const overHttp = async (batch: Inbound[]) => {
    const lat: number[] = [];
    let failed = 0;
    const cpu0 = readCpu(ctx.server.pid, postmaster);
    const t0 = process.hrtime.bigint();
    await pooled(batch.length, concurrency, async (i) => {
      const s = process.hrtime.bigint();
      const res = await postInbound(http, batch[i]);
      if (res.status !== 200) failed++;
      lat.push(ms(s));
    });
    return { seconds: ms(t0) / 1000, lat, failed, cpu: cpuPer(cpu0, readCpu(ctx.server.pid, postmaster), batch.length) };
  };
  await overHttp(inboundBatch(ctx, phones, warm));
  const httpBatch = inboundBatch(ctx, phones, count);
  const h = await overHttp(httpBatch);
  const httpStored = await storedCount(ctx, httpBatch);
  http.close();

  // Raw baseline: the same statements through pg, same concurrency, the server's pool size.
  const config = loadConfig({ ...process.env, DATABASE_URL: ctx.databaseUrl, PUBLIC_URL: ctx.server.url, SECRET_KEY: BENCH_SECRET_KEY });
  const pool = createAppPool(ctx.databaseUrl, config.dbPoolSize);
  const secrets = createSecrets(loadSecretKey(BENCH_SECRET_KEY, path.resolve('data/bench/app')));
  const raw = async (batch: Inbound[]) => {
    const lat: number[] = [];
    const cpu0 = readCpu(ctx.server.pid, postmaster);
    const t0 = process.hrtime.bigint();
    await pooled(batch.length, concurrency, async (i) => {
      const s = process.hrtime.bigint();
      const p = batch[i].params;
      const channel = asTwilio((await connectionByAddress(pool, secrets, 'twilio_number', p.To))!);
      const item = envelopeOf(channel, { sid: p.MessageSid, from: p.From, body: p.Body, segments: 1, media: [] });
      await withTx(pool, (tx) => recordInboundBatch(tx, [item]));
      lat.push(ms(s));
    });
    return { seconds: ms(t0) / 1000, lat, cpu: cpuPer(cpu0, readCpu(ctx.server.pid, postmaster), batch.length) };
  };
  await raw(inboundBatch(ctx, phones, warm));
  const rawBatch = inboundBatch(ctx, phones, count);
  const r = await raw(rawBatch);
  const rawStored = await storedCount(ctx, rawBatch);
  await pool.end();

  const httpRate = count / h.seconds;
  const rawRate = count / r.seconds;
  const hl = summarize(h.lat);
  const rl = summarize(r.lat);
  ctx.log(`ingest CPU per message (ms): webhook ${JSON.stringify(h.cpu)}, raw ${JSON.stringify(r.cpu)}`);
  if (h.failed || httpStored !== count) ctx.log(`ingest: ${h.failed} requests failed, ${httpStored}/${count} stored`);
  return [
    { group: 'Ingest', name: `webhook SMS, ${count} at concurrency ${concurrency}`, value: httpRate, unit: 'msg/s', target: { op: '>=', value: 2000 }, detail: { stored: httpStored, failed: h.failed, seconds: h.seconds, cpuPerMessage: h.cpu } },
    { group: 'Ingest', name: 'acknowledgement p50', value: hl.p50, unit: 'ms', detail: hl },
    { group: 'Ingest', name: 'acknowledgement p99', value: hl.p99, unit: 'ms' },
    { group: 'Ingest', name: 'raw-database baseline (same statements via pg, a transaction per message)', value: rawRate, unit: 'msg/s', detail: { stored: rawStored, seconds: r.seconds, latency: rl, cpuPerMessage: r.cpu } },
    { group: 'Ingest', name: 'ratio webhook / raw baseline', value: httpRate / rawRate, unit: '×', target: { op: '>=', value: 0.6 } },
  ];
}
