/**
 * Search over the large location (contacts and its messages, as the "/" box asks): common words,
 * a rare word and phone-number fragments typed with punctuation; p50/p95.
 */
import { RARE_WORD } from '../generate/corpus';
import { timeGets } from '../lib/timing';
import type { MeasureContext, Row } from './context';

export async function measureSearch(ctx: MeasureContext): Promise<Row[]> {
  const { requests } = ctx.opts.search;
  const phones = await ctx.pool.query<{ phone: string }>(
    `SELECT phone FROM contacts WHERE location_id = $1 AND phone IS NOT NULL ORDER BY random() LIMIT 20`,
    [ctx.admin.locationId],
  );
  // "+12152000123" → "215-2000" typed like a user who remembers part of the number.
  const fragments = phones.rows.map((r) => `${r.phone.slice(2, 5)}-${r.phone.slice(5, 9)}`);
  const kinds: [string, string[]][] = [
    ['common words ("appointment", "thanks", "Botox")', ['appointment', 'thanks', 'Botox']],
    [`rare word ("${RARE_WORD}")`, [RARE_WORD]],
    ['phone number fragment ("215-2000")', fragments],
  ];
  const rows: Row[] = [];
  for (const [name, queries] of kinds) {
    const s = await timeGets(ctx.admin, (i) => `/api/v1/search?q=${encodeURIComponent(queries[i % queries.length])}&limit=20`, requests);
    rows.push({ group: 'Search', name: `${name} p50`, value: s.p50, unit: 'ms', detail: { ...s, queries } });
    rows.push({ group: 'Search', name: `${name.replace(/ \(.*/, '')} p95`, value: s.p95, unit: 'ms', target: { op: '<=', value: 100 } });
  }
  return rows;
}
