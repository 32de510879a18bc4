/**
 * <Dial>: rings the target(s) as child legs (Direction outbound-dial), bridges the first to
 * answer, records when asked, then requests the `action` URL with DialCallStatus (its answer
 * replaces the document) or goes on with the next verb.
 */
import { sleep } from '../context';
import { isE164 } from '../phone-numbers';
import { elements, resolveUrl, textOf, type TwimlNode } from '../twiml';
import type { SimCall } from '../types';
import type { Step } from './engine';
import { callEvent, newCall, parseEvents, setStatus } from './legs';
import { makeRecording, recordingFields } from './recording';
import { ring, type RingOutcome } from './ringer';
import { requestTwiml, type VoiceRun } from './run';

/** Seconds two automatic parties talk when nobody scripted it. */
const AUTO_TALK_SECONDS = 20;
/** Simulated seconds of ringing before an answer. */
const RING_SECONDS = 5;

interface Target {
  number: string;
  statusCallback: string | null;
  statusCallbackMethod: 'GET' | 'POST';
  events: string[];
}

function targetsOf(run: VoiceRun, verb: TwimlNode): Target[] | string {
  const nouns = elements(verb);
  if (nouns.length === 0) {
    const number = textOf(verb);
    return isE164(number) ? [{ number, statusCallback: null, statusCallbackMethod: 'POST', events: [] }] : `invalid number "${number}"`;
  }
  const targets: Target[] = [];
  for (const noun of nouns) {
    if (noun.name !== 'Number') return `<Dial><${noun.name}> is not simulated`;
    const number = textOf(noun);
    if (!isE164(number)) return `invalid number "${number}"`;
    targets.push({
      number,
      statusCallback: noun.attrs.statusCallback ? resolveUrl(noun.attrs.statusCallback, run.docUrl) : null,
      statusCallbackMethod: noun.attrs.statusCallbackMethod === 'GET' ? 'GET' : 'POST',
      events: noun.attrs.statusCallbackEvent ? [noun.attrs.statusCallbackEvent] : [],
    });
  }
  return targets;
}

/** The first leg to answer, or every leg's outcome when none did. */
async function ringAll(run: VoiceRun, legs: SimCall[], timeout: number): Promise<{ leg: SimCall; outcome: RingOutcome }[]> {
  if (run.script) {
    await sleep(run.ctx, run.ctx.statusDelayMs);
    const dial = run.script.dial;
    return legs.map((leg, i) => ({
      leg,
      outcome: dial === 'answered' ? (i === 0 ? { answered: true, by: 'auto' } : { answered: false, status: 'canceled' }) : { answered: false, status: dial },
    }));
  }
  const pending = legs.map((leg) => ring(run.ctx, leg, timeout).then((outcome) => ({ leg, outcome })));
  const first = await new Promise<{ leg: SimCall; outcome: RingOutcome } | null>((resolve) => {
    let left = pending.length;
    for (const p of pending) {
      void p.then((r) => {
        if (r.outcome.answered) resolve(r);
        else if (--left === 0) resolve(null);
      });
    }
  });
  if (!first) return Promise.all(pending);
  for (const leg of legs) if (leg !== first.leg) run.ctx.state.rings.get(leg.sid)?.('cancel');
  const rest = await Promise.all(pending);
  return [first, ...rest.filter((r) => r.leg !== first.leg).map((r) => ({ leg: r.leg, outcome: { answered: false, status: 'canceled' } as RingOutcome }))];
}

export async function dialVerb(run: VoiceRun, verb: TwimlNode): Promise<Step> {
  const { ctx, call, account } = run;
  const timeout = Number(verb.attrs.timeout ?? 30) || 30;
  const record = verb.attrs.record ?? 'do-not-record';
  const targets = targetsOf(run, verb);
  let dialStatus: string;
  let dialSid: string | null = null;
  let talk = 0;
  let recording: ReturnType<typeof makeRecording> | null = null;

  if (typeof targets === 'string') {
    call.transcript.push(`Dial failed: ${targets}`);
    dialStatus = 'failed';
  } else {
    const legs = targets.map((t) =>
      newCall({
        accountSid: account.sid,
        direction: 'outbound-dial',
        parentCallSid: call.sid,
        from: verb.attrs.callerId || call.from,
        to: t.number,
        statusCallback: t.statusCallback,
        statusCallbackMethod: t.statusCallbackMethod,
        statusEvents: parseEvents(t.events),
      }),
    );
    for (const leg of legs) {
      ctx.state.addCall(leg);
      await callEvent(ctx, account, leg, 'initiated');
      setStatus(ctx, leg, 'ringing');
      await callEvent(ctx, account, leg, 'ringing');
    }
    const results = await ringAll(run, legs, timeout);
    const winner = results.find((r) => r.outcome.answered);
    for (const r of results) {
      if (r === winner || r.outcome.answered) continue;
      setStatus(ctx, r.leg, r.outcome.status);
      await callEvent(ctx, account, r.leg, 'completed');
    }
    if (winner && winner.outcome.answered) {
      const leg = winner.leg;
      dialSid = leg.sid;
      leg.answeredBy = run.script ? 'script' : winner.outcome.by;
      setStatus(ctx, leg, 'in-progress');
      await callEvent(ctx, account, leg, 'answered');
      run.elapsed += RING_SECONDS;
      const people: Promise<'parent' | 'callee'>[] = [];
      if (run.parentHangup) people.push(run.parentHangup.then(() => 'parent' as const));
      if (winner.outcome.hangup) people.push(winner.outcome.hangup.then(() => 'callee' as const));
      if (people.length) {
        const started = Date.now();
        run.parentHungUp = (await Promise.race(people)) === 'parent';
        talk = Math.max(1, Math.round((Date.now() - started) / 1000));
        ctx.state.hangups.get(leg.sid)?.();
      } else {
        await sleep(ctx, ctx.statusDelayMs);
        // A scripted caller ends the conversation; an automatic callee hangs up on its own.
        talk = run.script ? run.script.talkSeconds : AUTO_TALK_SECONDS;
        run.parentHungUp = run.script !== null;
      }
      leg.duration = talk;
      setStatus(ctx, leg, 'completed');
      await callEvent(ctx, account, leg, 'completed');
      run.elapsed += talk;
      dialStatus = 'completed';
      call.transcript.push(`Dial ${leg.to}: answered, talked ${talk} s`);
      if (record.startsWith('record-from-')) {
        recording = makeRecording(ctx, account, call, {
          duration: talk + (record.startsWith('record-from-ringing') ? RING_SECONDS : 0),
          channels: record.endsWith('-dual') ? 2 : 1,
          source: 'DialVerb',
          callback: verb.attrs.recordingStatusCallback ? resolveUrl(verb.attrs.recordingStatusCallback, run.docUrl) : null,
          callbackMethod: verb.attrs.recordingStatusCallbackMethod === 'GET' ? 'GET' : 'POST',
          events: verb.attrs.recordingStatusCallbackEvent,
        });
        run.afterCompleted.push(recording.notify);
      }
    } else {
      const status = results[0].outcome.answered ? 'failed' : results[0].outcome.status;
      dialStatus = status;
      dialSid = results[0].leg.sid;
      run.elapsed += status === 'no-answer' ? timeout : 1;
      call.transcript.push(`Dial ${results.map((r) => r.leg.to).join(', ')}: ${status}`);
    }
  }

  const action = verb.attrs.action ? resolveUrl(verb.attrs.action, run.docUrl) : null;
  if (!action) return run.parentHungUp ? 'ended' : 'continue';
  const extra: Record<string, string> = { DialCallStatus: dialStatus, DialBridged: dialStatus === 'completed' ? 'true' : 'false' };
  if (dialSid) extra.DialCallSid = dialSid;
  if (dialStatus === 'completed') extra.DialCallDuration = String(talk);
  if (recording) Object.assign(extra, recordingFields(recording));
  const xml = await requestTwiml(run, 'action', action, verb.attrs.method, extra);
  // When the caller has hung up Twilio still requests the action but ignores its answer.
  if (run.parentHungUp || xml === null) return 'ended';
  return { xml, url: action };
}
