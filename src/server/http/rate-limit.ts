/**
 * Fixed-window counters kept in PostgreSQL, so a limit holds across every server process
 * (used for login; per-process limits elsewhere use @fastify/rate-limit).
 */
import type { Queryable } from '../db/pool';
import { AppError } from './errors';

export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** Counts one hit against each limit; throws 429 with Retry-After details when one is exceeded. */
export async function hitLimits(db: Queryable, limits: Limit[]): Promise<void> {
  for (const l of limits) {
    const r = await db.query<{ hits: number; reset_in: number }>(
      `INSERT INTO rate_limit_hits (key, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
       ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
       RETURNING hits, ceil($2 - extract(epoch FROM now() - window_start))::int AS reset_in`,
      [l.key, l.windowSeconds],
    );
    const { hits, reset_in } = r.rows[0];
    if (hits > l.max) {
      throw new AppError(429, 'rate_limited', `Too many attempts. Try again in ${reset_in} seconds.`, {
        retryAfterSeconds: reset_in,
      });
    }
  }
}

export async function pruneRateLimits(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM rate_limit_hits WHERE window_start < now() - interval '1 day'`);
}
