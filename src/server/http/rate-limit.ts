/**
 * Sliding-window counters kept in PostgreSQL, so a limit holds across every server process
 * (used for login; webhooks, the widget and the pay page use shared-limit.ts, chunked for hot paths).
 */
import type { Queryable } from '../db/pool';
import { AppError } from './errors';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** One hit counted against key: the sliding-window count and when the current window ends. */
export async function countHit(db: Queryable, key: string, windowSeconds: number): Promise<{ weighted: number; resetIn: number }> {
  const r = await db.query<{ hits: number; previous: number; elapsed: number }>(
    `WITH cur AS (
       INSERT INTO rate_limit_hits (key, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
       RETURNING hits, window_start)
     SELECT cur.hits, coalesce(prev.hits, 0) AS previous, extract(epoch FROM now() - cur.window_start)::float8 AS elapsed
       FROM cur LEFT JOIN rate_limit_hits prev ON prev.key = $1 AND prev.window_start = cur.window_start - make_interval(secs => $2)`,
    [key, windowSeconds],
  );
  const { hits, previous, elapsed } = r.rows[0];
  return {
    weighted: hits + previous * Math.max(0, 1 - elapsed / windowSeconds),
    resetIn: Math.max(1, Math.ceil(windowSeconds - elapsed)),
  };
}

/**
 * Counts one hit against each limit; throws 429 with Retry-After details when one is exceeded.
 * Sliding window: the hits of the current fixed window plus the previous window's, weighted by how
 * much of it still lies within the last windowSeconds — so a burst that straddles a window boundary
 * is counted whole (plain fixed windows would let twice the limit through there).
 */
export async function hitLimits(db: Queryable, limits: Limit[]): Promise<void> {
  for (const l of limits) {
    const { weighted, resetIn } = await countHit(db, l.key, l.windowSeconds);
    if (weighted > l.max) {
      throw new AppError(429, 'rate_limited', `Too many attempts. Try again in ${resetIn} seconds.`, {
        retryAfterSeconds: resetIn,
      });
    }
  }
}

export async function pruneRateLimits(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
}
