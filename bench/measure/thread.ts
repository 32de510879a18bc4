/** A thread of 10,000+ items: its newest 50, and an older page deep in its history; p50/p95. */
import { timeGets } from '../lib/timing';
import type { MeasureContext, Row } from './context';

export async function measureThread(ctx: MeasureContext): Promise<Row[]> {
  const { requests } = ctx.opts.thread;
  const big = await ctx.pool.query<{ conversation_id: string; n: number }>(
    `SELECT conversation_id, count(*)::int AS n FROM messages WHERE location_id = $1 GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    [ctx.admin.locationId],
  );
  const { conversation_id: id, n } = big.rows[0];
  const base = `/api/v1/conversations/${id}/messages?limit=50`;
  // An older page: follow the cursors a hundred pages back (5,000 items), as scrolling up would.
  let cursor: string | null = null;
  const depth = Math.min(100, Math.floor(n / 50) - 1);
  for (let p = 0; p < depth; p++) {
    const page: { nextCursor: string | null } = await ctx.admin.json('GET', `${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    cursor = page.nextCursor;
  }
  const newest = await timeGets(ctx.admin, base, requests);
  const older = await timeGets(ctx.admin, `${base}&cursor=${encodeURIComponent(cursor!)}`, requests);
  return [
    { group: 'Thread', name: `newest 50 of a ${n}-item thread p50`, value: newest.p50, unit: 'ms', detail: newest },
    { group: 'Thread', name: `newest 50 p95`, value: newest.p95, unit: 'ms', target: { op: '<=', value: 10 } },
    { group: 'Thread', name: `older page (${depth + 1} pages back) p50`, value: older.p50, unit: 'ms', detail: older },
    { group: 'Thread', name: `older page p95`, value: older.p95, unit: 'ms', target: { op: '<=', value: 10 } },
  ];
}
