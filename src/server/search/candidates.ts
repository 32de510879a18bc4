/**
 * Reading the messages that match a search, bounded. Three reads, each stopping at `cap` rows:
 *  1. every match among the location's newest RECENT_WINDOW messages (an index range read);
 *  2. whole words, any age (full-text GIN index);
 *  3. parts of words, any age (trigram GIN index).
 * A term frequent among the newest messages stops after 1: those are the matches worth showing,
 * and reading all matches of a very frequent term is what makes searches slow on large locations.
 * Reads 2 and 3 apart are cheaper than one OR of both (each index read alone stops early).
 */
import type { Queryable } from '../db/pool';
import { assignedOnly, messageMatch, params, type MessageArm } from './match';
import type { SearchTerms } from './terms';

/** How many of the location's newest messages read 1 looks at. */
export const RECENT_WINDOW = 10_000;

export interface CandidateOptions {
  /** The column returned: message ids, or the conversations they belong to (distinct). */
  select: 'id' | 'conversation_id';
  cap: number;
  /** Read 1 finding this many (a frequent term) skips reads 2 and 3. */
  frequent: number;
  restrictTo: string | null;
}

export async function messageCandidates(db: Queryable, locationId: string, t: SearchTerms, o: CandidateOptions): Promise<string[]> {
  const found = new Set<string>();
  const recent = await read(db, locationId, t, o, null);
  recent.values.forEach((v) => found.add(v));
  if (recent.matches >= o.frequent) return [...found];
  for (const arm of ['words', 'parts'] as const) {
    if (found.size >= o.cap) break;
    (await read(db, locationId, t, o, arm)).values.forEach((v) => found.add(v));
  }
  return [...found];
}

/** arm null: read 1 (both arms, newest messages only). */
async function read(db: Queryable, locationId: string, t: SearchTerms, o: CandidateOptions, arm: MessageArm | null) {
  const { values, param } = params(locationId);
  const match = messageMatch(t, param, arm ? [arm] : undefined);
  if (!match) return { values: [] as string[], matches: 0 };
  const from = arm
    ? 'messages m WHERE m.location_id = $1 AND'
    : `(SELECT id, conversation_id, body, search_tsv FROM messages WHERE location_id = $1 ORDER BY created_at DESC LIMIT ${RECENT_WINDOW}) m WHERE`;
  // The CTE is planned for all its rows (a rare term reads the GIN index, a frequent one a scan)
  // and run lazily: the LIMIT stops it early either way.
  const r = await db.query<{ v: string; matches: number }>(
    `WITH hits AS MATERIALIZED (SELECT m.${o.select} AS v FROM ${from} ${match}${assignedOnly(o.restrictTo, param, 'm.conversation_id')}),
          capped AS (SELECT v FROM hits LIMIT ${o.cap})
     SELECT v, (sum(count(*)) OVER ())::int AS matches FROM capped GROUP BY v`,
    values,
  );
  return { values: r.rows.map((row) => row.v), matches: r.rows[0]?.matches ?? 0 };
}
