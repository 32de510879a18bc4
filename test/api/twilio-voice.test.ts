import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { freePort } from '../../src/server/db/embedded';
import { ApiClient } from '../helpers/client';
import { newContact } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { ACCOUNT_SID, AUTH_TOKEN, connectTwilio, messageSid, postTwilio } from '../helpers/twilio';
import { bytesOf, callParams, callsOf, pathOf, twimlAttr, waitFor } from '../helpers/voice';

const PRACTICE = '+12125550100';
const VOICEMAIL_ONLY = '+12125550101'; // connected without a forwarding number
const FORWARD = '+12125550177';
let sim: Simulator;
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  // The simulator must know the app's URL and the app the simulator's: fix the app's port first.
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  sim = await startSimulator({ port: 0, appUrl, accounts: [{ sid: ACCOUNT_SID, token: AUTH_TOKEN, numbers: [PRACTICE, VOICEMAIL_ONLY] }], timing: { statusDelayMs: 5 } });
  server = await startTestServer({ PORT: String(port), PUBLIC_URL: appUrl, TWILIO_API_BASE_URL: sim.url });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  await connectTwilio(admin, PRACTICE, { forwardingNumber: FORWARD });
  await connectTwilio(admin, VOICEMAIL_ONLY);
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

const count = async (sql: string, params: unknown[] = []) => (await server.pool.query(sql, params)).rows[0].n as number;
const simCall = async (body: Record<string, unknown>) => {
  const res = await fetch(`${sim.url}/_sim/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as {
    callSid: string;
    recordings: { sid: string; url: string }[];
    requests: { kind: string; url: string; status: number; body: string; params: Record<string, string> }[];
  };
};
const simRecording = async (url: string) => {
  const res = await fetch(`${url}.wav`, { headers: { authorization: `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}` } });
  return Buffer.from(await res.arrayBuffer());
};
/** The call item of a phone, once it satisfies `done`. */
const settledCall = (digits: string, done: (m: any) => boolean) =>
  waitFor(`the call of ${digits}`, async () => {
    const { conv, calls } = await callsOf(admin, digits);
    return calls.length === 1 && done(calls[0]) && { conv, call: calls[0] };
  });

describe('incoming calls (simulator)', () => {
  it('forward to the practice with recording on: one completed call with its duration and a playable recording', async () => {
    const sock = await admin.socket();
    await sock.ready();
    const res = await simCall({ from: '+19175550201', to: PRACTICE, outcome: 'answered', duration: 42 });
    expect(res.requests.every((r) => r.status < 300)).toBe(true);
    const voice = res.requests.find((r) => r.kind === 'voice')!.body;
    expect(voice).toContain('timeout="20" record="record-from-answer-dual"');
    expect(twimlAttr(voice, 'Dial', 'recordingStatusCallback')).toMatch(new RegExp(`^${server.url}/webhooks/twilio/recording\\?`));
    expect(voice).toContain(`>${FORWARD}</Number></Dial>`);

    const { conv, call } = await settledCall('9175550201', (m) => m.attachments.length > 0);
    expect(call).toMatchObject({ direction: 'inbound', status: 'completed', channel: { from: '+19175550201', to: PRACTICE } });
    expect(call.meta.duration).toBeGreaterThanOrEqual(42);
    expect(call.meta.recording).toMatchObject({ sid: expect.stringMatching(/^RE/), duration: 42 });
    expect(await count(`SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1`, [res.callSid])).toBe(1);

    const [att] = call.attachments;
    expect(att).toMatchObject({ contentType: 'audio/wav', url: `/api/v1/attachments/${att.id}/content` });
    const got = await bytesOf(admin, att.url);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(await simRecording(res.recordings[0].url))).toBe(true);
    expect((await bytesOf(new ApiClient(server.url), att.url)).status).toBe(401);

    // An answered call was handled: not unread; the list says how it went.
    expect(conv).toMatchObject({ unreadCount: 0, lastMessage: { messageType: 'TYPE_CALL', body: expect.stringMatching(/^Incoming call · 0:\d\d$/) } });
    await sock.waitFor((f) => f.some((x) => x.type === 'message.updated' && x.data.id === call.id && x.data.attachments.length === 1), 5000, 'the recording event');
    await sock.close();
  });

  it('take a voicemail when nobody answers; the call counts as unread', async () => {
    const res = await simCall({ from: '+19175550202', to: PRACTICE, outcome: 'voicemail', duration: 12 });
    const action = res.requests.find((r) => r.kind === 'action' && r.params.DialCallStatus === 'no-answer')!;
    expect(action.body).toMatch(/<Say>[^<]+<\/Say><Record [^>]*maxLength="120" playBeep="true"/);
    expect(twimlAttr(action.body, 'Record', 'recordingStatusCallback')).toContain('kind=voicemail');
    const { conv, call } = await settledCall('9175550202', (m) => m.attachments.length > 0);
    expect(call).toMatchObject({ status: 'voicemail', meta: { recording: { duration: 12 } } });
    expect(conv).toMatchObject({ unreadCount: 1, lastMessage: { body: 'Voicemail · 0:12' } });
  });

  it('a caller who hangs up without a message leaves a missed call', async () => {
    await simCall({ from: '+19175550203', to: PRACTICE, outcome: 'no-answer' });
    const { conv, call } = await settledCall('9175550203', (m) => m.status !== 'queued');
    expect(call.status).toBe('no-answer');
    expect(conv).toMatchObject({ unreadCount: 1, lastMessage: { body: 'Missed call' } });
  });

  it('go straight to voicemail when the number has no forwarding number', async () => {
    const res = await simCall({ from: '+19175550204', to: VOICEMAIL_ONLY, outcome: 'voicemail', duration: 5 });
    const voice = res.requests.find((r) => r.kind === 'voice')!.body;
    expect(voice).toContain('<Record');
    expect(voice).not.toContain('<Dial');
    await settledCall('9175550204', (m) => m.status === 'voicemail' && m.attachments.length === 1);
  });
});

describe('call webhooks', () => {
  it('keep one item per CallSid through retries and out-of-order callbacks; the status never moves back', async () => {
    const sid = messageSid('CA');
    const p = callParams('+19175550205', PRACTICE, sid);
    const results = await Promise.all(Array.from({ length: 10 }, () => postTwilio(server.url, '/webhooks/twilio/voice', p)));
    expect(results.every((r) => r.status === 200 && r.text === results[0].text)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1`, [sid])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE phone = '+19175550205'`)).toBe(1);
    const dial = pathOf(twimlAttr(results[0].text, 'Dial', 'action'));
    const leg = pathOf(twimlAttr(results[0].text, 'Number', 'statusCallback'));
    const child = { ...p, CallSid: messageSid('CA'), ParentCallSid: sid, Direction: 'outbound-dial', To: FORWARD };
    const status = async () => (await callsOf(admin, '9175550205')).calls[0];

    // The call's own "completed" comes first and nothing said anyone answered: missed, for now.
    expect((await postTwilio(server.url, '/webhooks/twilio/voice-status', { ...p, CallStatus: 'completed', CallDuration: '95' })).status).toBe(204);
    expect((await status()).status).toBe('no-answer');
    expect((await callsOf(admin, '9175550205')).conv.unreadCount).toBe(1);
    // Then the Dial action reports the forwarded leg answered and talked: corrected, unread given back.
    const act = await postTwilio(server.url, dial, { ...p, CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallSid: child.CallSid, DialCallDuration: '80' });
    expect(act.text).toContain('<Hangup/>');
    expect(await status()).toMatchObject({ status: 'completed', meta: { duration: 95, talkDuration: 80 } });
    // Late and repeated callbacks change nothing.
    for (const [path, params] of [
      [leg, { ...child, CallStatus: 'in-progress' }],
      [leg, { ...child, CallStatus: 'no-answer' }],
      ['/webhooks/twilio/voice-status', { ...p, CallStatus: 'ringing' }],
      ['/webhooks/twilio/voice-status', { ...p, CallStatus: 'busy' }],
      ['/webhooks/twilio/voice-status', { ...p, CallStatus: 'completed', CallDuration: '95' }],
    ] as const) {
      expect((await postTwilio(server.url, path, params)).status).toBe(204);
    }
    const { conv, calls } = await callsOf(admin, '9175550205');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ status: 'completed', meta: { duration: 95 } });
    expect(conv).toMatchObject({ unreadCount: 0, lastMessage: { body: 'Incoming call · 1:35' } });
  });

  it('notify the assignee of a missed call, refreshed (not counted twice) when it becomes a voicemail; an answered call withdraws it', async () => {
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const contact = await newContact(admin, { firstName: 'Mia', lastName: 'Caller' });
    const conversationId = (await admin.post('/api/v1/conversations', { contactId: contact.id })).body.id;
    expect((await admin.patch(`/api/v1/conversations/${conversationId}`, { assignedTo: fx.staff.id })).status).toBe(200);
    await staff.post('/api/v1/notifications/read-all');
    const sock = await staff.socket();
    await sock.ready();
    const calls = async () => (await staff.get('/api/v1/notifications')).body.items.filter((n: any) => n.kind === 'call');

    // Nobody answers: missed. The assignee hears of it, live, as a call notification.
    const sid = messageSid('CA');
    const p = callParams(contact.phone, PRACTICE, sid);
    await postTwilio(server.url, '/webhooks/twilio/voice', p);
    expect(await calls()).toHaveLength(0); // ringing is not missed
    await postTwilio(server.url, '/webhooks/twilio/voice-status', { ...p, CallStatus: 'no-answer', CallDuration: '20' });
    const isCall = (x: any) => x.type === 'notification.created' && x.data.kind === 'call';
    const live = (await sock.waitFor((f) => f.some(isCall), 5000, 'the call notification')).find(isCall)!;
    const call = (await callsOf(admin, contact.phone.slice(2))).calls[0];
    expect(live.data).toMatchObject({ userId: fx.staff.id, conversationId, messageId: call.id, body: 'Missed call', count: 1, contactName: 'Mia Caller' });
    // A voicemail left on the same call: the same notification says so, still counted once.
    const channelId = (await admin.get('/api/v1/channels')).body.items.find((c: any) => c.phoneNumber === PRACTICE).id;
    const rec = { CallSid: sid, AccountSid: ACCOUNT_SID, RecordingSid: messageSid('RE'), RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/x`, RecordingStatus: 'completed', RecordingDuration: '9' };
    expect((await postTwilio(server.url, `/webhooks/twilio/recording?location=${fx.locationId}&channel=${channelId}&kind=voicemail`, rec)).status).toBe(204);
    expect(await calls()).toMatchObject([{ id: live.data.id, body: 'Voicemail · 0:09', count: 1, readAt: null }]);
    expect((await staff.get('/api/v1/notifications')).body.unreadCount).toBe(1);
    // The admin (not the assignee) and the caller's own settings: nobody else is told.
    expect((await admin.get('/api/v1/notifications')).body.items.filter((n: any) => n.kind === 'call')).toHaveLength(0);

    // Turned off in the settings: no call notification.
    await staff.post('/api/v1/notifications/read-all');
    expect((await staff.patch('/api/v1/me/notification-settings', { call: false })).body).toMatchObject({ call: false, inbound: true });
    const off = callParams(contact.phone, PRACTICE);
    await postTwilio(server.url, '/webhooks/twilio/voice', off);
    await postTwilio(server.url, '/webhooks/twilio/voice-status', { ...off, CallStatus: 'busy' });
    expect((await staff.get('/api/v1/notifications')).body.unreadCount).toBe(0);
    await staff.patch('/api/v1/me/notification-settings', { call: true });

    // First guessed missed, then reported answered (callbacks out of order): the notification is withdrawn.
    const late = callParams(contact.phone, PRACTICE);
    const twiml = (await postTwilio(server.url, '/webhooks/twilio/voice', late)).text;
    await postTwilio(server.url, '/webhooks/twilio/voice-status', { ...late, CallStatus: 'completed', CallDuration: '30' });
    expect((await staff.get('/api/v1/notifications')).body.unreadCount).toBe(1);
    const legSid = messageSid('CA');
    await postTwilio(server.url, pathOf(twimlAttr(twiml, 'Dial', 'action')), { ...late, CallStatus: 'in-progress', DialCallStatus: 'completed', DialCallSid: legSid, DialCallDuration: '25' });
    expect((await staff.get('/api/v1/notifications')).body.unreadCount).toBe(0);
    await sock.waitFor((f) => f.some((x) => x.type === 'notification.read' && x.data.userId === fx.staff.id), 5000, 'the withdrawal');
    await sock.close();
  });

  it('turn DND callers away politely and log the call as canceled', async () => {
    const variants = [{ dndSettings: { Call: { status: 'active' } } }, { inboundDnd: true }, { dnd: true }];
    for (const extra of variants) {
      const contact = await newContact(admin, extra);
      const p = callParams(contact.phone, PRACTICE);
      const res = await postTwilio(server.url, '/webhooks/twilio/voice', p);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(/<Response><Say>[^<]*not available[^<]*<\/Say><Hangup\/><\/Response>/);
      expect(res.text).not.toContain('<Dial');
      await postTwilio(server.url, '/webhooks/twilio/voice-status', { ...p, CallStatus: 'completed', CallDuration: '4' });
      const { conv, calls } = await callsOf(admin, contact.phone.slice(2));
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ direction: 'inbound', status: 'canceled', meta: { rejected: 'dnd' } });
      expect(conv).toMatchObject({ unreadCount: 0, lastMessage: { body: 'Call declined (DND)' } });
    }
  });

  it('refuse unsigned (400), forged (403) and malformed (400) requests, storing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM messages');
    const contactsBefore = await count('SELECT count(*)::int AS n FROM contacts');
    const p = callParams('+19175550206', PRACTICE);
    expect((await postTwilio(server.url, '/webhooks/twilio/voice', p, 'none')).status).toBe(400);
    expect((await postTwilio(server.url, '/webhooks/twilio/voice', p, 'forged')).status).toBe(403);
    expect((await postTwilio(server.url, '/webhooks/twilio/voice', { ...p, CallSid: 'CA-nope' })).status).toBe(400);
    // A number that is not connected is answered like a forged signature (nobody can probe numbers).
    const unknown = await postTwilio(server.url, '/webhooks/twilio/voice', callParams('+19175550206', '+12125550999'));
    const forged = await postTwilio(server.url, '/webhooks/twilio/voice', p, 'forged');
    expect([unknown.status, unknown.text]).toEqual([403, forged.text]);
    // Callback URLs name the channel in their (signed) query.
    const channelId = (await admin.get('/api/v1/channels')).body.items.find((c: any) => c.phoneNumber === PRACTICE).id;
    const q = `?location=${fx.locationId}&channel=${channelId}`;
    const rec = { CallSid: p.CallSid, AccountSid: ACCOUNT_SID, RecordingSid: messageSid('RE'), RecordingUrl: 'http://127.0.0.1:9/x', RecordingStatus: 'completed', RecordingDuration: '3' };
    expect((await postTwilio(server.url, `/webhooks/twilio/recording${q}`, rec, 'forged')).status).toBe(403);
    expect((await postTwilio(server.url, `/webhooks/twilio/recording${q}`, rec, 'none')).status).toBe(400);
    expect((await postTwilio(server.url, `/webhooks/twilio/voice-status${q}`, { ...p, CallStatus: 'completed' }, 'forged')).status).toBe(403);
    expect((await postTwilio(server.url, `/webhooks/twilio/voice-dial${q}`, { ...p, DialCallStatus: 'no-answer' }, 'none')).status).toBe(400);
    // A signature for one location's channel does not open another's.
    expect((await postTwilio(server.url, `/webhooks/twilio/voice-status?location=${fx.otherLocationId}&channel=${channelId}`, { ...p, CallStatus: 'completed' })).status).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM contacts')).toBe(contactsBefore);
  });
});

describe('click to call', () => {
  let conversationId: string;
  let contact: { id: string; phone: string };
  beforeAll(async () => {
    contact = await newContact(admin);
    conversationId = (await admin.post('/api/v1/conversations', { contactId: contact.id })).body.id;
  });

  it('needs the user’s own phone, set with PUT /me/phone and shown on /me', async () => {
    const refused = await admin.post(`/api/v1/conversations/${conversationId}/call`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('no_user_phone');
    expect((await admin.put('/api/v1/me/phone', { phone: 'not a phone' })).status).toBe(400);
    const set = await admin.put('/api/v1/me/phone', { phone: '(646) 555-0142' });
    expect(set.status).toBe(200);
    expect(set.body.user.phone).toBe('+16465550142');
    expect((await admin.get('/api/v1/me')).body.user.phone).toBe('+16465550142');
  });

  it('rings the user, connects the contact, and logs one outbound call with its recording', async () => {
    const res = await admin.post(`/api/v1/conversations/${conversationId}/call`);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ messageType: 'TYPE_CALL', direction: 'outbound', status: 'queued', userId: fx.admin.id, channel: { from: PRACTICE, to: contact.phone } });
    const { call } = await settledCall(contact.phone.slice(2), (m) => m.status === 'completed' && m.attachments.length === 1);
    expect(call.id).toBe(res.body.id);
    expect(call.meta.duration).toBeGreaterThan(0);

    // What Twilio was asked: call the user's phone from the practice number, then fetch our TwiML.
    const placed = (await (await fetch(`${sim.url}/_sim/calls?number=%2B16465550142`)).json()) as any[];
    const parent = placed.find((c) => c.direction === 'outbound-api')!;
    expect(parent).toMatchObject({ from: PRACTICE, to: '+16465550142' });
    expect(await count(`SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1`, [parent.sid])).toBe(1);
    const hooks = (await (await fetch(`${sim.url}/_sim/webhooks?sid=${parent.sid}`)).json()) as any[];
    const connect = hooks.find((h) => h.kind === 'voice')!;
    expect(connect.url).toBe(`${server.url}/webhooks/twilio/voice-connect?location=${fx.locationId}&channel=${res.body.channel.channelId}&conversation=${conversationId}`);
    expect(connect.body).toContain(`<Dial action=`);
    expect(twimlAttr(connect.body, 'Dial', 'callerId')).toBe(PRACTICE);
    expect(connect.body).toContain(`>${contact.phone}</Number></Dial>`);
    const events = hooks.filter((h) => h.kind === 'call-status' && !h.params.ParentCallSid).map((h) => h.params.StatusCallbackEvent);
    expect(events).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(hooks.every((h) => h.status < 300)).toBe(true);
  });

  it('is refused for Call DND or global DND, in another location, and when Twilio says no', async () => {
    const call = (id: string, api = admin) => api.post(`/api/v1/conversations/${id}/call`);
    for (const patch of [{ dndSettings: { Call: { status: 'permanent' } } }, { dnd: true }]) {
      const c = await newContact(admin, patch);
      const conv = (await admin.post('/api/v1/conversations', { contactId: c.id })).body.id;
      const r = await call(conv);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('dnd_active');
    }
    const stranger = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await call(conversationId, stranger)).status).toBe(404);
    await stranger.put('/api/v1/me/phone', { phone: '+447700900123' });
    const theirs = await newContact(stranger, { phone: '+447700900456' });
    const theirConv = (await stranger.post('/api/v1/conversations', { contactId: theirs.id })).body.id;
    expect((await call(theirConv, stranger)).body.error.code).toBe('channel_not_connected');

    await fetch(`${sim.url}/_sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 503, path: 'Calls' }) });
    const down = await call(conversationId);
    expect(down.status).toBe(502);
    expect(down.body.error.code).toBe('provider_unavailable');
    // A number the Twilio account does not own: Twilio refuses (21210), said in plain words.
    await connectTwilio(admin, '+12125550102', { isDefault: true });
    const other = await newContact(admin);
    const r = await call((await admin.post('/api/v1/conversations', { contactId: other.id })).body.id);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'call_refused', message: expect.stringContaining('not verified for outgoing calls') });
    expect((await callsOf(admin, other.phone.slice(2))).calls).toHaveLength(0);
  });
});
