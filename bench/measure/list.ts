/**
 * The conversation list of the large location, as the web app asks for it (50 per page), each
 * view timed over sequential requests at the client: p50/p95.
 */
import type { Summary } from '../lib/stats';
import { timeGets } from '../lib/timing';
import type { MeasureContext, Row } from './context';

const PAGE = 50;

export async function measureList(ctx: MeasureContext): Promise<Row[]> {
  const { requests, deepPage } = ctx.opts.list;
  const base = `/api/v1/conversations?limit=${PAGE}`;
  const views: [string, string][] = [
    ['default view (Recents)', `${base}&status=recents`],
    ['Unread tab', `${base}&status=unread`],
    ['assigned to me + SMS channel', `${base}&status=all&assignedTo=me&channel=TYPE_SMS`],
  ];
  // Page N of the default view: follow the cursors like a user scrolling down.
  let cursor: string | null = null;
  for (let p = 1; p < deepPage; p++) {
    const page: { nextCursor: string | null } = await ctx.admin.json('GET', `${base}&status=recents${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    cursor = page.nextCursor;
    if (!cursor) throw new Error(`the default view has fewer than ${deepPage} pages`);
  }
  views.push([`page ${deepPage} of the default view`, `${base}&status=recents&cursor=${encodeURIComponent(cursor!)}`]);

  const rows: Row[] = [];
  for (const [name, path] of views) {
    const s: Summary = await timeGets(ctx.admin, path, requests);
    rows.push({ group: 'Conversation list', name: `${name} p50`, value: s.p50, unit: 'ms', detail: { ...s, path } });
    rows.push({ group: 'Conversation list', name: `${name} p95`, value: s.p95, unit: 'ms', target: { op: '<=', value: 10 } });
  }
  return rows;
}
