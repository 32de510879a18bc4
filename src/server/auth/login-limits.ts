/**
 * Limits on password guessing that cannot be turned against the person guessed at:
 *  - per (e-mail, IP address) pair: LOGIN_RATE_LIMIT a minute, then 429 — one source guessing one account;
 *  - per IP address: ×10, then 429 — one source spraying many accounts;
 *  - per e-mail from everywhere: past ×3 a minute each attempt is slowed (a delay growing to 5 s),
 *    never refused — so an attacker rotating addresses cannot lock the real person out, and still
 *    gets only a trickle of guesses.
 * Counters are PostgreSQL rows, shared by every server process (http/rate-limit.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Queryable } from '../db/pool';
import { countHit, hitLimits } from '../http/rate-limit';

const WINDOW_SECONDS = 60;
export const SLOWDOWN_STEP_MS = 250;
export const SLOWDOWN_MAX_MS = 5_000;

export async function limitPasswordAttempt(db: Queryable, input: { email: string; ip: string; perMinute: number }): Promise<void> {
  const email = input.email.toLowerCase();
  await hitLimits(db, [
    { key: `login:ip:${input.ip}`, max: input.perMinute * 10, windowSeconds: WINDOW_SECONDS },
    { key: `login:pair:${email}|${input.ip}`, max: input.perMinute, windowSeconds: WINDOW_SECONDS },
  ]);
  const { weighted } = await countHit(db, `login:email:${email}`, WINDOW_SECONDS);
  const excess = weighted - input.perMinute * 3;
  if (excess > 0) await sleep(Math.min(SLOWDOWN_MAX_MS, Math.ceil(excess) * SLOWDOWN_STEP_MS));
}
