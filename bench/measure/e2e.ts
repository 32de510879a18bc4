/**
 * End-to-end latency: at a steady 200 messages per second (open loop: a message leaves on time
 * whether or not earlier ones were answered), the time from sending the signed webhook to the
 * message.created event arriving on a connected agent's WebSocket.
 */
import { Http } from '../lib/http';
import { openAgentSocket } from '../lib/socket';
import { summarize } from '../lib/stats';
import type { MeasureContext, Row } from './context';
import { inboundBatch, postInbound, senderPhones } from './ingest';

export async function measureEndToEnd(ctx: MeasureContext): Promise<Row[]> {
  const { rate, seconds } = ctx.opts.e2e;
  const n = rate * seconds;
  const tag = `e2e${Date.now().toString(36)}`;
  const batch = inboundBatch(ctx, await senderPhones(ctx, 2000), n, (i) => `Hi, is ${tag}-${i} still available this week?`);
  const sentAt = new Array<bigint | undefined>(n);
  const latency: number[] = [];
  const pattern = new RegExp(`${tag}-(\\d+) `);
  const ws = await openAgentSocket(ctx.server.url, ctx.admin.cookie, (frame, at) => {
    if (frame.type !== 'message.created') return;
    const m = pattern.exec(frame.data?.body ?? '');
    if (!m) return;
    const start = sentAt[Number(m[1])];
    if (start !== undefined) latency.push(Number(at - start) / 1e6);
  });
  const http = new Http(ctx.server.url, 256);
  let failed = 0;
  const t0 = process.hrtime.bigint();
  const interval = 1e9 / rate; // ns
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + BigInt(Math.round(i * interval));
    const wait = Number(due - process.hrtime.bigint()) / 1e6;
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    sentAt[i] = process.hrtime.bigint();
    inflight.push(postInbound(http, batch[i]).then((res) => void (res.status !== 200 && failed++), () => void failed++));
  }
  // The rate really offered: the last webhook left at (n - 1) intervals after the first.
  const achieved = (n - 1) / (Number(sentAt[n - 1]! - t0) / 1e9);
  await Promise.all(inflight);
  const deadline = Date.now() + 10_000;
  while (latency.length < n - failed && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  ws.close();
  http.close();
  const s = summarize(latency);
  const missing = n - failed - latency.length;
  if (failed || missing) ctx.log(`e2e: ${failed} webhooks failed, ${missing} events did not arrive`);
  return [
    { group: 'End-to-end', name: `webhook → agent WebSocket p50 (${rate} msg/s, ${seconds} s)`, value: s.p50, unit: 'ms', detail: { ...s, failed, missing, offeredRate: rate } },
    { group: 'End-to-end', name: 'webhook → agent WebSocket p99', value: s.p99, unit: 'ms', target: { op: '<=', value: 50 }, detail: { achievedSendRate: achieved } },
  ];
}
