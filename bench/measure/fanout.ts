/**
 * Fan-out: thousands of agent WebSockets on one location; an internal comment posted over the API
 * is a broadcast every socket receives. Delivery time is from just before the POST to each
 * socket's receipt (p99 over all sockets and broadcasts); the server's resident memory is read
 * from /proc while the sockets are open.
 */
import type WebSocket from 'ws';
import { openAgentSocket } from '../lib/socket';
import { summarize } from '../lib/stats';
import type { MeasureContext, Row } from './context';

export async function measureFanout(ctx: MeasureContext): Promise<Row[]> {
  const { sockets: count, broadcasts } = ctx.opts.fanout;
  const conv = await ctx.pool.query<{ id: string }>(
    `SELECT id FROM conversations WHERE location_id = $1 ORDER BY last_message_at DESC LIMIT 1`,
    [ctx.admin.locationId],
  );
  const conversationId = conv.rows[0].id;
  const rssBefore = ctx.server.rss();

  let marker = '';
  let started = 0n;
  const samples: number[] = [];
  let received = 0;
  const sockets: WebSocket[] = [];
  // Per frame only a byte search and a clock read: the client's own work stays out of the figure.
  const onFrame = (raw: Buffer, at: bigint) => {
    if (marker && raw.includes(marker)) {
      samples.push(Number(at - started) / 1e6);
      received++;
    }
  };
  for (let i = 0; i < count; i += 100) {
    const batch = await Promise.all(Array.from({ length: Math.min(100, count - i) }, () => openAgentSocket(ctx.server.url, ctx.admin.cookie, () => {})));
    for (const ws of batch) {
      ws.removeAllListeners('message');
      ws.on('message', (raw: Buffer) => onFrame(raw, process.hrtime.bigint()));
      sockets.push(ws);
    }
  }
  ctx.log(`fan-out: ${sockets.length} sockets open`);
  await new Promise((r) => setTimeout(r, 2000));
  const rssOpen = ctx.server.rss();

  const perBroadcastP99: number[] = [];
  for (let b = 0; b < broadcasts; b++) {
    marker = `fanout-${Date.now().toString(36)}-${b}`;
    received = 0;
    const before = samples.length;
    started = process.hrtime.bigint();
    await ctx.admin.json('POST', `/api/v1/conversations/${conversationId}/comments`, { body: `Broadcast check ${marker}` });
    const deadline = Date.now() + 15_000;
    while (received < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    perBroadcastP99.push(summarize(samples.slice(before)).p99);
    await new Promise((r) => setTimeout(r, 300));
  }
  const rssAfter = ctx.server.rss();
  const s = summarize(samples);
  const expected = count * broadcasts;
  if (samples.length < expected) ctx.log(`fan-out: ${expected - samples.length} deliveries missing`);
  for (const ws of sockets) ws.terminate();
  const mb = (b: number) => b / 1024 / 1024;
  return [
    { group: 'Fan-out', name: `${count} sockets: broadcast delivery p50`, value: s.p50, unit: 'ms', detail: { ...s, broadcasts, delivered: samples.length, expected, perBroadcastP99 } },
    { group: 'Fan-out', name: `${count} sockets: broadcast delivery p99`, value: s.p99, unit: 'ms' },
    { group: 'Fan-out', name: `server resident memory with ${count} sockets`, value: mb(Math.max(rssOpen, rssAfter)), unit: 'MB', target: { op: '<=', value: 300 }, detail: { beforeMB: mb(rssBefore), openMB: mb(rssOpen), afterBroadcastsMB: mb(rssAfter) } },
  ];
}
