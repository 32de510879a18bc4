/**
 * A call made with the Calls API: initiated → ringing → the callee (a phone page, or automatic)
 * answers or not → the TwiML from `Url` (or `Twiml`) runs → completed, with the status and
 * recording callbacks the request asked for.
 */
import { sleep, type SimContext } from '../context';
import type { SimAccount, SimCall } from '../types';
import { runDocument } from './engine';
import { callEvent, setStatus } from './legs';
import { makeRecording } from './recording';
import { ring } from './ringer';
import { finishCall, newRun, requestTwiml } from './run';

export interface OutboundCallOptions {
  url: string | null;
  method: string;
  twiml: string | null;
  /** Seconds to let the callee ring (Timeout, default 60). */
  timeout: number;
  record: boolean;
  recordingChannels: 1 | 2;
  recordingStatusCallback: string | null;
  recordingStatusCallbackMethod: 'GET' | 'POST';
  recordingStatusCallbackEvent?: string;
}

export async function runOutboundCall(ctx: SimContext, account: SimAccount, call: SimCall, opts: OutboundCallOptions) {
  await sleep(ctx, ctx.statusDelayMs);
  await callEvent(ctx, account, call, 'initiated');
  setStatus(ctx, call, 'ringing');
  await callEvent(ctx, account, call, 'ringing');
  const outcome = await ring(ctx, call, opts.timeout);
  if (!outcome.answered) {
    const run = newRun(ctx, account, call);
    run.final = outcome.status;
    call.transcript.push(`The callee did not answer: ${outcome.status}`);
    await finishCall(run);
    return;
  }
  call.answeredBy = outcome.by;
  setStatus(ctx, call, 'in-progress');
  await callEvent(ctx, account, call, 'answered');
  const run = newRun(ctx, account, call, { answered: true, parentHangup: outcome.hangup });
  const xml = opts.twiml ?? (opts.url ? await requestTwiml(run, 'voice', opts.url, opts.method) : null);
  if (opts.twiml !== null) call.twiml.push(opts.twiml);
  if (xml !== null) await runDocument(run, xml, opts.twiml !== null ? null : opts.url);
  if (opts.record) {
    const made = makeRecording(ctx, account, call, {
      duration: run.elapsed,
      channels: opts.recordingChannels,
      source: 'OutboundAPI',
      callback: opts.recordingStatusCallback,
      callbackMethod: opts.recordingStatusCallbackMethod,
      events: opts.recordingStatusCallbackEvent,
    });
    run.afterCompleted.unshift(made.notify);
  }
  await finishCall(run);
}
