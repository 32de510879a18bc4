/** One call being carried out: its state while TwiML runs, TwiML fetches, and the ending. */
import type { SimContext } from '../context';
import type { CallStatus, SimAccount, SimCall } from '../types';
import { ok, sendWebhook } from '../webhook';
import { callEvent, callParams, FINAL, setStatus } from './legs';

/** How a scripted caller (POST /_sim/calls) behaves. */
export interface Script {
  /** What happens to the number a <Dial> calls. */
  dial: 'answered' | 'no-answer' | 'busy';
  /** Seconds the caller talks once a <Dial> is answered. */
  talkSeconds: number;
  /** Seconds of message left at a <Record>; null: hangs up without one. */
  voicemailSeconds: number | null;
}

export interface VoiceRun {
  ctx: SimContext;
  account: SimAccount;
  call: SimCall;
  script: Script | null;
  /** A person on a phone page on this leg: resolves when they hang up. */
  parentHangup?: Promise<void>;
  parentHungUp: boolean;
  /** Twilio has picked up (inbound) or the callee answered (outbound). */
  answered: boolean;
  onAnswer(): Promise<void>;
  /** The URL of the TwiML document being run (relative URLs and <Record> resolve against it). */
  docUrl: string | null;
  /** Simulated seconds since the call was answered. */
  elapsed: number;
  final: CallStatus;
  fetches: number;
  /** Recording callbacks, sent after the call's own completed callback. */
  afterCompleted: Array<() => Promise<void>>;
}

export function newRun(
  ctx: SimContext,
  account: SimAccount,
  call: SimCall,
  opts: Partial<Pick<VoiceRun, 'script' | 'parentHangup' | 'answered' | 'onAnswer'>> = {},
): VoiceRun {
  return {
    ctx,
    account,
    call,
    script: opts.script ?? null,
    parentHangup: opts.parentHangup,
    parentHungUp: false,
    answered: opts.answered ?? false,
    onAnswer: opts.onAnswer ?? (async () => {}),
    docUrl: null,
    elapsed: 0,
    final: 'completed',
    fetches: 0,
    afterCompleted: [],
  };
}

export async function ensureAnswered(run: VoiceRun): Promise<void> {
  if (run.answered) return;
  run.answered = true;
  await run.onAnswer();
}

/**
 * Requests TwiML (the voice URL, a Dial/Record action, a Redirect). Returns the document, or null
 * after an application error (network failure or non-2xx), which Twilio announces and hangs up on.
 */
export async function requestTwiml(
  run: VoiceRun,
  kind: 'voice' | 'action',
  url: string,
  method: string | undefined,
  extra: Record<string, string> = {},
): Promise<string | null> {
  run.fetches += 1;
  const d = await sendWebhook(run.ctx, {
    kind,
    url,
    method: method?.toUpperCase() === 'GET' ? 'GET' : 'POST',
    params: { ...callParams(run.call), ...extra },
    authToken: run.account.token,
  });
  if (!ok(d)) {
    run.call.transcript.push(`Application error: ${d.error ?? `HTTP ${d.status}`} from ${url}`);
    return null;
  }
  run.call.twiml.push(d.body);
  return d.body;
}

/** Sets the final status and duration, sends the completed callback, then recording callbacks. */
export async function finishCall(run: VoiceRun): Promise<void> {
  const { call, ctx } = run;
  if (!FINAL.includes(call.status)) {
    call.duration = run.answered ? Math.round(run.elapsed) : 0;
    setStatus(ctx, call, run.final);
  }
  ctx.state.hangups.get(call.sid)?.();
  await callEvent(ctx, run.account, call, 'completed');
  for (const notify of run.afterCompleted.splice(0)) await notify();
}
