/** What every part of the simulator is handed: state, URLs, timing, and the shutdown signal. */
import { setTimeout as delay } from 'node:timers/promises';
import type { SimState } from './state';
import type { MailStore } from './mail/store';

export interface SimContext {
  state: SimState;
  /** System mail received by the SMTP sink (mail/). */
  mail: MailStore;
  /** The simulator's own base URL (media and recording URLs point here). */
  simUrl: string;
  /** The app's public base URL, no trailing slash; webhooks go to `${appUrl}${path}`. */
  appUrl: string;
  /** Pause between simulated steps (status callbacks, ringing, …). */
  statusDelayMs: number;
  /** Aborted when the simulator closes; background work stops. */
  signal: AbortSignal;
  log(message: string, err?: unknown): void;
}

export function sleep(ctx: SimContext, ms: number): Promise<void> {
  return delay(ms, undefined, { signal: ctx.signal });
}

/** Runs background work; a shutdown is not an error. */
export function background(ctx: SimContext, what: string, work: () => Promise<unknown>): void {
  work().catch((err: unknown) => {
    if (ctx.signal.aborted) return;
    ctx.log(`simulator: ${what} failed`, err);
  });
}
