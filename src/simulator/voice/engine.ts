/**
 * Runs TwiML for a call the way Twilio does: verb by verb; an action URL's answer replaces the
 * document; the end of the document hangs up. <Dial> lives in dial.ts.
 */
import { sleep } from '../context';
import { elements, parseTwiml, resolveUrl, textOf, TwimlParseError, type TwimlNode } from '../twiml';
import { dialVerb } from './dial';
import { makeRecording, recordingFields } from './recording';
import { ensureAnswered, requestTwiml, type VoiceRun } from './run';

/** What a verb leaves behind: go on, the call is over, or a new document to run. */
export type Step = 'continue' | 'ended' | { xml: string; url: string };

/** Twilio stops following documents that keep pointing at each other. */
const MAX_DOCUMENTS = 25;

function num(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : fallback;
}

function sayVerb(run: VoiceRun, verb: TwimlNode): void {
  const text = textOf(verb);
  const times = Math.max(1, num(verb.attrs.loop, 1));
  run.call.transcript.push(`Say: ${text}`);
  run.elapsed += Math.max(1, Math.round(text.split(/\s+/).length / 2.5)) * times;
}

async function recordVerb(run: VoiceRun, verb: TwimlNode): Promise<Step> {
  const maxLength = num(verb.attrs.maxLength, 3600) || 3600;
  let seconds: number | null;
  if (run.script) seconds = run.script.voicemailSeconds;
  else if (run.parentHangup) {
    // A person on a phone page "speaks" until they hang up.
    const started = Date.now();
    await Promise.race([run.parentHangup, sleep(run.ctx, maxLength * 1000).catch(() => {})]);
    seconds = Math.max(1, Math.round((Date.now() - started) / 1000));
  } else seconds = 5;
  if (seconds === null || seconds <= 0) {
    run.call.transcript.push('Record: the caller hung up without leaving a message');
    return 'ended';
  }
  const hungUp = seconds <= maxLength;
  seconds = Math.min(seconds, maxLength);
  run.elapsed += seconds;
  run.call.transcript.push(`Record: ${seconds} s message`);
  const made = makeRecording(run.ctx, run.account, run.call, {
    duration: seconds,
    channels: 1,
    source: 'RecordVerb',
    callback: verb.attrs.recordingStatusCallback ? resolveUrl(verb.attrs.recordingStatusCallback, run.docUrl) : null,
    callbackMethod: verb.attrs.recordingStatusCallbackMethod === 'GET' ? 'GET' : 'POST',
    events: verb.attrs.recordingStatusCallbackEvent,
  });
  run.afterCompleted.push(made.notify);
  // Without an action Twilio requests the current document's URL again.
  const url = verb.attrs.action ? resolveUrl(verb.attrs.action, run.docUrl) : run.docUrl;
  if (!url) return hungUp ? 'ended' : 'continue';
  const extra = recordingFields(made);
  if (hungUp) extra.Digits = 'hangup';
  const xml = await requestTwiml(run, 'action', url, verb.attrs.method, extra);
  // After a hang-up Twilio still makes the request but ignores the answer.
  if (hungUp) {
    run.parentHungUp = true;
    return 'ended';
  }
  return xml === null ? 'ended' : { xml, url };
}

async function runVerb(run: VoiceRun, verb: TwimlNode, first: boolean): Promise<Step> {
  if (verb.name === 'Reject') {
    if (first && !run.answered) {
      run.final = verb.attrs.reason === 'busy' ? 'busy' : 'no-answer';
      run.call.transcript.push(`Reject: ${verb.attrs.reason ?? 'rejected'}`);
    }
    return 'ended';
  }
  await ensureAnswered(run);
  switch (verb.name) {
    case 'Say':
      sayVerb(run, verb);
      return 'continue';
    case 'Play':
      run.call.transcript.push(`Play: ${textOf(verb) || `digits ${verb.attrs.digits ?? ''}`}`);
      run.elapsed += 5;
      return 'continue';
    case 'Pause':
      run.elapsed += num(verb.attrs.length, 1);
      return 'continue';
    case 'Hangup':
      run.call.transcript.push('Hangup');
      return 'ended';
    case 'Gather':
      // Nobody presses a key: the nested prompts play, then Twilio falls through.
      for (const inner of elements(verb)) if (inner.name === 'Say') sayVerb(run, inner);
      run.elapsed += num(verb.attrs.timeout, 5);
      return 'continue';
    case 'Redirect': {
      const url = resolveUrl(textOf(verb), run.docUrl);
      if (!url) return appError(run, `Redirect to an invalid URL "${textOf(verb)}"`);
      const xml = await requestTwiml(run, 'action', url, verb.attrs.method);
      return xml === null ? 'ended' : { xml, url };
    }
    case 'Record':
      return recordVerb(run, verb);
    case 'Dial':
      return dialVerb(run, verb);
    default:
      run.call.transcript.push(`<${verb.name}> is not simulated; skipped`);
      return 'continue';
  }
}

function appError(run: VoiceRun, message: string): Step {
  run.call.transcript.push(`Application error: ${message}`);
  return 'ended';
}

/** Runs a document and whatever documents its actions lead to, until the call ends. */
export async function runDocument(run: VoiceRun, xml: string, url: string | null): Promise<void> {
  let doc: { xml: string; url: string | null } | null = { xml, url };
  let documents = 0;
  while (doc) {
    if (++documents > MAX_DOCUMENTS) {
      await ensureAnswered(run);
      appError(run, `more than ${MAX_DOCUMENTS} TwiML documents in one call`);
      return;
    }
    let response: TwimlNode;
    try {
      response = parseTwiml(doc.xml);
    } catch (err) {
      await ensureAnswered(run);
      appError(run, `TwiML parse failure (${err instanceof TwimlParseError ? err.message : String(err)})`);
      return;
    }
    run.docUrl = doc.url;
    const verbs = elements(response);
    let next: Step = 'continue';
    for (const [i, verb] of verbs.entries()) {
      next = await runVerb(run, verb, i === 0 && documents === 1);
      if (next !== 'continue') break;
    }
    if (next === 'continue' || next === 'ended') {
      // An empty <Response/> answers and hangs up at once.
      if (run.final === 'completed') await ensureAnswered(run);
      return;
    }
    doc = next;
  }
}
