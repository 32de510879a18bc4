/**
 * Rings a number. A phone page open for that number rings for real (Answer / Decline, and later
 * Hang up); otherwise the callee is automatic: it answers after a short delay, unless its number
 * is a magic busy / no-answer number (see magic.ts).
 */
import { sleep, type SimContext } from '../context';
import { autoCallOutcome } from '../magic';
import type { SimCall } from '../types';

export type RingOutcome =
  | { answered: true; by: 'phone-page' | 'auto'; hangup?: Promise<void> }
  | { answered: false; status: 'busy' | 'no-answer' | 'canceled' };

export async function ring(ctx: SimContext, call: SimCall, timeoutSec: number): Promise<RingOutcome> {
  if (ctx.state.phoneOpen(call.to)) return ringPhonePage(ctx, call, timeoutSec);
  await sleep(ctx, ctx.statusDelayMs);
  const outcome = autoCallOutcome(call.to);
  return outcome === 'answered' ? { answered: true, by: 'auto' } : { answered: false, status: outcome };
}

/** Resolves when the person on the page hangs up (or the simulator closes). */
function hangupOf(ctx: SimContext, call: SimCall): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      ctx.state.hangups.delete(call.sid);
      ctx.signal.removeEventListener('abort', done);
      resolve();
    };
    ctx.state.hangups.set(call.sid, done);
    ctx.signal.addEventListener('abort', done, { once: true });
  });
}

function ringPhonePage(ctx: SimContext, call: SimCall, timeoutSec: number): Promise<RingOutcome> {
  const { state } = ctx;
  return new Promise<RingOutcome>((resolve) => {
    const finish = (outcome: RingOutcome, reason: string) => {
      clearTimeout(timer);
      ctx.signal.removeEventListener('abort', onAbort);
      state.rings.delete(call.sid);
      state.events.emit('ring-end', { callSid: call.sid, to: call.to, reason });
      resolve(outcome);
    };
    const onAbort = () => finish({ answered: false, status: 'canceled' }, 'closed');
    const timer = setTimeout(() => finish({ answered: false, status: 'no-answer' }, 'timeout'), timeoutSec * 1000);
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    state.rings.set(call.sid, (answer) => {
      if (answer === 'cancel') finish({ answered: false, status: 'canceled' }, 'canceled');
      else if (answer) finish({ answered: true, by: 'phone-page', hangup: hangupOf(ctx, call) }, 'answered');
      else finish({ answered: false, status: 'busy' }, 'declined');
    });
    state.events.emit('ring', { callSid: call.sid, from: call.from, to: call.to, timeout: timeoutSec });
  });
}
