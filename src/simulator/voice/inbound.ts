/**
 * A client calls a practice number (POST /_sim/calls): the signed voice webhook, the TwiML it
 * answers with, and the rest of the call played out as the scripted outcome says.
 */
import type { SimContext } from '../context';
import type { SimAccount, SimCall } from '../types';
import { runDocument } from './engine';
import { callEvent, newCall, setStatus } from './legs';
import { ensureAnswered, finishCall, newRun, requestTwiml, type Script } from './run';

export type InboundOutcome = 'answered' | 'no-answer' | 'busy' | 'voicemail';

export interface InboundCall {
  from: string;
  to: string;
  outcome: InboundOutcome;
  /** Seconds of conversation (answered) or of message (voicemail). */
  duration: number;
  callerName?: string;
}

function scriptOf(input: InboundCall): Script {
  switch (input.outcome) {
    case 'answered':
      return { dial: 'answered', talkSeconds: input.duration, voicemailSeconds: null };
    case 'voicemail':
      return { dial: 'no-answer', talkSeconds: 0, voicemailSeconds: input.duration };
    default:
      return { dial: input.outcome, talkSeconds: 0, voicemailSeconds: null };
  }
}

export async function simulateInboundCall(ctx: SimContext, account: SimAccount, input: InboundCall): Promise<SimCall> {
  const call = newCall({
    accountSid: account.sid,
    direction: 'inbound',
    from: input.from,
    to: input.to,
    status: 'ringing',
    callerName: input.callerName ?? null,
    // The status callback URL configured on the number.
    statusCallback: `${ctx.appUrl}/webhooks/twilio/voice-status`,
    statusEvents: ['answered', 'completed'],
  });
  ctx.state.addCall(call);
  const run = newRun(ctx, account, call, {
    script: scriptOf(input),
    onAnswer: async () => {
      call.answeredBy = 'script';
      setStatus(ctx, call, 'in-progress');
      await callEvent(ctx, account, call, 'answered');
    },
  });
  const url = `${ctx.appUrl}/webhooks/twilio/voice`;
  const xml = await requestTwiml(run, 'voice', url, 'POST');
  if (xml === null) await ensureAnswered(run);
  else await runDocument(run, xml, url);
  await finishCall(run);
  return call;
}
