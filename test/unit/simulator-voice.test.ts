import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, CLIENT, startHarness, type Harness } from '../simulator/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('/_sim/reset', {});
  h.app.received.length = 0;
});

const PRACTICE = ACCOUNT.numbers[0];
const FORWARD = '+15559870000';
const xml = (body: string) => ({ body: `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>` });
const call = (outcome: string, duration?: number) =>
  h.control('/_sim/calls', { from: CLIENT, to: PRACTICE, outcome, duration }).then((r) => r.json());

describe('inbound calls', () => {
  beforeEach(() => {
    h.app.on('/webhooks/twilio/voice', xml(
      `<Dial action="/webhooks/twilio/dial-result" timeout="20" record="record-from-answer" recordingStatusCallback="/webhooks/twilio/recording">${FORWARD}</Dial>`,
    ));
    h.app.on('/webhooks/twilio/dial-result', (r) =>
      r.params.DialCallStatus === 'completed'
        ? xml('<Hangup/>')
        : xml('<Say>Please leave a message.</Say><Record maxLength="120" action="/webhooks/twilio/voicemail-done" recordingStatusCallback="/webhooks/twilio/recording"/>'),
    );
  });

  it('answered: voice webhook, status callbacks, dial action and a recording', async () => {
    const result = await call('answered', 42);
    expect(result.callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(result.status).toBe('completed');

    const [voice] = h.app.of('/webhooks/twilio/voice');
    expect(voice.signatureValid).toBe(true);
    expect(voice.params).toMatchObject({
      CallSid: result.callSid, AccountSid: ACCOUNT.sid, From: CLIENT, To: PRACTICE, Caller: CLIENT, Called: PRACTICE,
      CallStatus: 'ringing', Direction: 'inbound', ApiVersion: '2010-04-01',
    });

    const statuses = h.app.of('/webhooks/twilio/voice-status');
    expect(statuses.map((s) => s.params.CallStatus)).toEqual(['in-progress', 'completed']);
    expect(statuses.every((s) => s.signatureValid)).toBe(true);
    const completed = statuses[1].params;
    expect(completed).toMatchObject({ CallbackSource: 'call-progress-events', StatusCallbackEvent: 'completed', SequenceNumber: '1' });
    expect(Number(completed.CallDuration)).toBeGreaterThanOrEqual(42);
    expect(completed.Timestamp).toMatch(/\+0000$/);

    const [action] = h.app.of('/webhooks/twilio/dial-result');
    expect(action.signatureValid).toBe(true);
    expect(action.params).toMatchObject({ DialCallStatus: 'completed', DialCallDuration: '42', RecordingDuration: '42' });
    expect(action.params.DialCallSid).toMatch(/^CA/);

    const [rec] = h.app.of('/webhooks/twilio/recording');
    expect(rec.signatureValid).toBe(true);
    expect(rec.params).toMatchObject({
      AccountSid: ACCOUNT.sid, CallSid: result.callSid, RecordingStatus: 'completed', RecordingDuration: '42',
      RecordingChannels: '1', RecordingSource: 'DialVerb',
    });
    expect(rec.params.RecordingSid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(rec.params.RecordingUrl).toBe(`${h.sim.url}/2010-04-01/Accounts/${ACCOUNT.sid}/Recordings/${rec.params.RecordingSid}`);

    expect((await fetch(`${rec.params.RecordingUrl}.wav`)).status).toBe(401);
    const wav = await fetch(`${rec.params.RecordingUrl}.wav`, { headers: { authorization: h.basic() } });
    expect(wav.status).toBe(200);
    expect(wav.headers.get('content-type')).toMatch(/^audio\/(x-)?wav/);
    const bytes = Buffer.from(await wav.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    expect(bytes.readUInt32LE(40)).toBe(42 * 8000 * 2);

    expect(result.children).toHaveLength(1);
    expect(result.children[0]).toMatchObject({ to: FORWARD, from: CLIENT, direction: 'outbound-dial', status: 'completed', duration: 42 });
    expect(result.requests.map((r: { kind: string }) => r.kind)).toEqual(['voice', 'call-status', 'action', 'call-status', 'recording-status']);
  });

  it('voicemail: the dial is not answered, the caller leaves a message at <Record>', async () => {
    const result = await call('voicemail', 15);
    expect(h.app.of('/webhooks/twilio/dial-result')[0].params.DialCallStatus).toBe('no-answer');
    const [done] = h.app.of('/webhooks/twilio/voicemail-done');
    expect(done.params).toMatchObject({ RecordingDuration: '15', Digits: 'hangup' });
    const [rec] = h.app.of('/webhooks/twilio/recording');
    expect(rec.params).toMatchObject({ RecordingSource: 'RecordVerb', RecordingDuration: '15', RecordingUrl: done.params.RecordingUrl });
    expect(result.recordings).toHaveLength(1);
    expect(result.transcript).toContain('Say: Please leave a message.');
  });

  it('busy and no-answer reach the dial action; <Reject> ends the call unanswered', async () => {
    await call('busy');
    expect(h.app.of('/webhooks/twilio/dial-result')[0].params.DialCallStatus).toBe('busy');
    expect(h.app.of('/webhooks/twilio/recording')).toHaveLength(0);

    h.app.on('/webhooks/twilio/voice', xml('<Reject reason="busy"/>'));
    const rejected = await call('answered');
    expect(rejected.status).toBe('busy');
    const statuses = h.app.of('/webhooks/twilio/voice-status').filter((s) => s.params.CallSid === rejected.callSid);
    expect(statuses.map((s) => [s.params.CallStatus, s.params.CallDuration])).toEqual([['busy', '0']]);
  });

  it('a <Record> without action requests the current document again; no callback without recordingStatusCallback', async () => {
    h.app.on('/webhooks/twilio/voice', (r) => (r.params.RecordingUrl ? xml('<Hangup/>') : xml('<Record maxLength="30"/>')));
    const result = await call('voicemail', 50);
    const voice = h.app.of('/webhooks/twilio/voice');
    expect(voice).toHaveLength(2);
    // Longer than maxLength: cut at 30 s, the caller is still there, so the answer runs.
    expect(voice[1].params).toMatchObject({ RecordingDuration: '30', CallSid: result.callSid });
    expect(voice[1].params.Digits).toBeUndefined();
    expect(result.transcript.at(-1)).toBe('Hangup');
    expect(result.requests.map((r: { kind: string }) => r.kind)).not.toContain('recording-status');
  });

  it('reports an application error when the app fails', async () => {
    h.app.on('/webhooks/twilio/voice', { status: 500, body: 'oops' });
    const result = await call('answered');
    expect(result.status).toBe('completed');
    expect(result.transcript[0]).toMatch(/Application error: HTTP 500/);
    expect(result.requests[0]).toMatchObject({ kind: 'voice', status: 500 });
  });
});

describe('Calls API', () => {
  it('places a call: 201 shape, call progress events in order, TwiML <Dial><Number>, dual recording', async () => {
    h.app.on('/twiml/click-to-call', xml(
      `<Dial callerId="${PRACTICE}" record="record-from-answer-dual" recordingStatusCallback="${h.app.url}/rec"><Number statusCallback="${h.app.url}/child">${CLIENT}</Number></Dial>`,
    ));
    const res = await h.api('Calls.json', {
      To: '+15559870000', From: PRACTICE, Url: `${h.app.url}/twiml/click-to-call`, StatusCallback: `${h.app.url}/call-status`,
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    expect(res.status).toBe(201);
    const c = await res.json();
    expect(c).toMatchObject({
      account_sid: ACCOUNT.sid, from: PRACTICE, to: '+15559870000', status: 'queued', direction: 'outbound-api',
      start_time: null, end_time: null, duration: null, price: null, api_version: '2010-04-01', parent_call_sid: null,
    });
    expect(c.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(c.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT.sid}/Calls/${c.sid}.json`);

    await h.app.waitFor(() => h.app.of('/rec').length === 1);
    const progress = h.app.of('/call-status');
    expect(progress.map((p) => [p.params.StatusCallbackEvent, p.params.CallStatus, p.params.SequenceNumber])).toEqual([
      ['initiated', 'queued', '0'], ['ringing', 'ringing', '1'], ['answered', 'in-progress', '2'], ['completed', 'completed', '3'],
    ]);
    expect(progress.every((p) => p.signatureValid && p.params.Direction === 'outbound-api')).toBe(true);
    expect(Number(progress[3].params.CallDuration)).toBeGreaterThan(0);

    const [twiml] = h.app.of('/twiml/click-to-call');
    expect(twiml.params).toMatchObject({ CallSid: c.sid, CallStatus: 'in-progress', Direction: 'outbound-api', From: PRACTICE });
    const [child] = h.app.of('/child');
    expect(child.params).toMatchObject({ ParentCallSid: c.sid, To: CLIENT, From: PRACTICE, CallStatus: 'completed', Direction: 'outbound-dial' });
    const [rec] = h.app.of('/rec');
    expect(rec.params).toMatchObject({ CallSid: c.sid, RecordingChannels: '2', RecordingSource: 'DialVerb' });

    const fetched = await fetch(`${h.sim.url}${c.uri}`, { headers: { authorization: h.basic() } });
    expect(await fetched.json()).toMatchObject({ status: 'completed', sid: c.sid });
  });

  it('a busy callee: only the completed event by default, CallStatus busy', async () => {
    await h.api('Calls.json', { To: '+15559870008', From: PRACTICE, Twiml: '<Response/>', StatusCallback: `${h.app.url}/cs` });
    await h.app.waitFor(() => h.app.of('/cs').length === 1);
    expect(h.app.of('/cs')[0].params).toMatchObject({ StatusCallbackEvent: 'completed', CallStatus: 'busy', CallDuration: '0' });
  });

  it('validates like Twilio', async () => {
    const bad = await h.api('Calls.json', { To: CLIENT, From: '+15550001111', Url: `${h.app.url}/x` });
    expect(bad.status).toBe(400);
    expect((await bad.json()).code).toBe(21210);
    const noUrl = await h.api('Calls.json', { To: CLIENT, From: PRACTICE });
    expect((await noUrl.json()).code).toBe(21205);
  });
});
