/**
 * Rate limits shared by every server process (provider webhooks, the chat widget, the pay page),
 * counted in PostgreSQL like the login limit, but cheap enough for the webhook hot path.
 *
 * Each process takes a key's hits from PostgreSQL in chunks (`rate_limit_take`, one round trip)
 * and spends them locally: the first reservation of a key in a window takes one hit, each next one
 * twice as many, up to `max / 20` (and at most 1000). A key hit a few times costs a round trip per
 * hit (exact, as small limits need); a busy one — an SMS provider posting thousands of webhooks a
 * second from one address — one round trip per few hundred. Requests of a key that arrive while
 * its reservation is in flight wait for it (no stampede). The total never exceeds the limit across
 * processes; what a process reserved but had not spent when the window ends is counted without
 * being used, so with N processes a limit may refuse up to N × chunk hits early (at most 5% of the
 * limit per process). A refusal is remembered locally until PostgreSQL says room frees up, so a
 * client hammering past its limit costs one round trip per process per wait, not one per request.
 */
import { prepared, type Queryable } from '../db/pool';
import { AppError } from './errors';

export interface SharedLimit {
  /** Names the counter (keys of different limits never mix). */
  name: string;
  max: number;
  windowSeconds: number;
}

interface Bucket {
  tokens: number;
  /** When the window the tokens belong to ends (local clock). */
  expires: number;
  /** The next reservation's size. */
  chunk: number;
  deniedUntil: number;
  pending?: Promise<void>;
}

const MAX_CHUNK = 1000;
const SWEEP_ABOVE = 10_000;

const TAKE = prepared(
  'rate_limit_take',
  'SELECT granted, retry_after_ms, window_left_ms FROM rate_limit_take($1, $2, $3, $4)',
);

export function rateLimited(retryAfterSeconds: number, message = 'Too many requests.'): AppError {
  const s = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(429, 'rate_limited', `${message} Try again in ${s} seconds.`, { retryAfterSeconds: s });
}

export class SharedLimiter {
  private readonly buckets = new Map<string, Bucket>();
  /** Round trips to PostgreSQL so far (tests and the benchmark read it). */
  reservations = 0;

  constructor(
    private readonly db: Queryable,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one hit of `key` against `limit`; throws 429 rate_limited (with retryAfterSeconds) past it. */
  async hit(limit: SharedLimit, key: string, message?: string): Promise<void> {
    const id = `${limit.name}:${key}`;
    for (;;) {
      const now = this.now();
      let b = this.buckets.get(id);
      if (!b) {
        if (this.buckets.size >= SWEEP_ABOVE) this.sweep(now);
        b = { tokens: 0, expires: 0, chunk: 1, deniedUntil: 0 };
        this.buckets.set(id, b);
      }
      if (b.deniedUntil > now) throw rateLimited((b.deniedUntil - now) / 1000, message);
      if (now >= b.expires) {
        b.tokens = 0;
        b.chunk = 1;
      }
      if (b.tokens > 0) {
        b.tokens--;
        return;
      }
      const bucket = b;
      bucket.pending ??= this.reserve(limit, id, bucket).finally(() => {
        bucket.pending = undefined;
      });
      await bucket.pending;
    }
  }

  private async reserve(limit: SharedLimit, id: string, b: Bucket): Promise<void> {
    const ceiling = Math.max(1, Math.min(MAX_CHUNK, Math.floor(limit.max / 20)));
    const want = Math.min(b.chunk, ceiling);
    this.reservations++;
    const r = await this.db.query<{ granted: number; retry_after_ms: number; window_left_ms: number }>(TAKE, [id, limit.windowSeconds, limit.max, want]);
    const { granted, retry_after_ms, window_left_ms } = r.rows[0];
    const now = this.now();
    if (granted > 0) {
      b.tokens += granted;
      b.expires = now + window_left_ms;
      b.chunk = Math.min(ceiling, want * 2);
    } else {
      b.deniedUntil = now + retry_after_ms;
    }
  }

  /** Forgets buckets whose window and refusal are over (their counts live on in PostgreSQL). */
  private sweep(now: number): void {
    for (const [id, b] of this.buckets) {
      if (!b.pending && b.expires <= now && b.deniedUntil <= now) this.buckets.delete(id);
    }
  }
}
