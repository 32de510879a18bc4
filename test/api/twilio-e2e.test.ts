/**
 * SMS end to end through the provider simulator: client texts → signed webhook → database →
 * agent WebSocket → reply → job → Twilio API (simulated) → signed status callbacks → delivered.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { freePort } from '../../src/server/db/embedded';
import { ApiClient, type LiveSocket } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

const SID = 'AC' + 'e2'.repeat(16);
const TOKEN = 'e2e-simulated-auth-token';
const PRACTICE = '+12125550100';
let sim: Simulator;
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

async function simPost(path: string, body: unknown) {
  const res = await fetch(sim.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return res.json() as Promise<any>;
}
const simMessages = async (number: string) => (await (await fetch(`${sim.url}/_sim/messages?number=${encodeURIComponent(number)}`)).json()) as any[];
const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 8000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

beforeAll(async () => {
  const port = await freePort();
  sim = await startSimulator({ port: 0, appUrl: `http://127.0.0.1:${port}`, accounts: [{ sid: SID, token: TOKEN, numbers: [PRACTICE] }], timing: { statusDelayMs: 30 } });
  server = await startTestServer({ PORT: String(port), TWILIO_API_BASE_URL: sim.url, SEND_RETRY_BASE_MS: '100', SEND_MAX_ATTEMPTS: '4' });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  const ch = await admin.post('/api/v1/channels', { type: 'twilio', phoneNumber: PRACTICE, accountSid: SID, authToken: TOKEN });
  expect(ch.status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});
beforeEach(async () => {
  await fetch(`${sim.url}/_sim/faults`, { method: 'DELETE' });
});

async function conversationOf(phone: string) {
  return until(
    () => admin.get(`/api/v1/conversations?q=${encodeURIComponent(phone.slice(-7))}`).then((r) => r.body.items[0]),
    (c) => !!c,
  );
}

async function messageStatus(id: string) {
  return (await server.pool.query('SELECT status, error_code, error_message FROM messages WHERE id = $1', [id])).rows[0];
}

describe('SMS through the simulator', () => {
  it('goes client → inbox → agent socket → reply → Twilio → delivered', async () => {
    const client = '+14155550142';
    const ws: LiveSocket = await admin.socket();
    await ws.ready();
    const sent = await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'Can I move my facial to Friday?' });
    expect(sent.status).toBe(200);
    await ws.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.body === 'Can I move my facial to Friday?'));
    const conv = await conversationOf(client);

    const reply = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Friday 3pm works — see you then!' });
    expect(reply.status).toBe(201);
    expect(reply.body.status).toBe('queued');
    // The first SMS to a contact carries the opt-out line.
    expect(reply.body.body).toBe('Friday 3pm works — see you then!\n\nReply STOP to unsubscribe.');

    const onPhone = await until(() => simMessages(client), (list) => list.some((m) => m.direction === 'outbound-api'));
    const out = onPhone.find((m) => m.direction === 'outbound-api');
    expect(out).toMatchObject({ from: PRACTICE, to: client, body: reply.body.body });
    await until(() => messageStatus(reply.body.id), (m) => m.status === 'delivered');
    await ws.waitFor((f) => f.some((x) => x.type === 'message.updated' && x.data.id === reply.body.id && x.data.status === 'delivered'));
    const stored = (await server.pool.query('SELECT provider, provider_message_id FROM messages WHERE id = $1', [reply.body.id])).rows[0];
    expect(stored).toEqual({ provider: 'twilio', provider_message_id: out.sid });

    // The second SMS has no opt-out line.
    const second = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Reminder: bring your ID' });
    expect(second.body.body).toBe('Reminder: bring your ID');
    await ws.close();
  });

  it('uses the location’s own opt-out line, or none when it is empty', async () => {
    expect((await admin.patch('/api/v1/location', { smsOptOutLine: 'Text STOP to opt out.' })).body.smsOptOutLine).toBe('Text STOP to opt out.');
    await simPost('/_sim/sms', { from: '+13105550144', to: PRACTICE, body: 'hi' });
    const a = await conversationOf('+13105550144');
    expect((await admin.post(`/api/v1/conversations/${a.id}/messages`, { type: 'SMS', body: 'Hello' })).body.body).toBe('Hello\n\nText STOP to opt out.');
    await admin.patch('/api/v1/location', { smsOptOutLine: '' });
    await simPost('/_sim/sms', { from: '+13105550155', to: PRACTICE, body: 'hi' });
    const b = await conversationOf('+13105550155');
    expect((await admin.post(`/api/v1/conversations/${b.id}/messages`, { type: 'SMS', body: 'Hello' })).body.body).toBe('Hello');
    await admin.patch('/api/v1/location', { smsOptOutLine: 'Reply STOP to unsubscribe.' });
  });

  it('brings MMS pictures into the thread', async () => {
    const client = '+13105550187';
    const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'Is this swelling normal?', media: [{ contentType: 'image/png', base64: png }] });
    const conv = await conversationOf(client);
    const thread = await until(
      () => admin.get(`/api/v1/conversations/${conv.id}/messages`).then((r) => r.body.items),
      (items: any[]) => items[0]?.attachments?.length === 1,
    );
    const att = thread[0].attachments[0];
    expect(att.contentType).toBe('image/png');
    const bytes = Buffer.from(await (await fetch(server.url + att.url, { headers: { cookie: admin.cookie! } })).arrayBuffer());
    expect(bytes.equals(Buffer.from(png, 'base64'))).toBe(true);
  });

  it('STOP, then a send is refused before Twilio; START, then a send is delivered', async () => {
    const client = '+13105550111';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'STOP' });
    const conv = await conversationOf(client);
    const refused = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'One more offer!' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('dnd_active');
    expect((await simMessages(client)).filter((m) => m.direction === 'outbound-api')).toHaveLength(0);

    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'start' });
    await until(() => admin.get(`/api/v1/contacts/${conv.contact.id}`).then((r) => r.body.dndSettings.SMS.status), (s) => s === 'inactive');
    const ok = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Welcome back!' });
    expect(ok.status).toBe(201);
    await until(() => messageStatus(ok.body.id), (m) => m.status === 'delivered');
  });

  it('retries a transient failure (503, then a dropped connection) and delivers', async () => {
    const client = '+13105550122';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'hi' });
    const conv = await conversationOf(client);
    await simPost('/_sim/faults', { status: 503, count: 1, path: 'Messages' });
    await simPost('/_sim/network-drop', { count: 1 });
    const msg = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Your results are ready' });
    const final = await until(() => messageStatus(msg.body.id), (m) => m.status === 'delivered', 15_000);
    expect(final.error_code).toBeNull();
    const attempts = (await server.pool.query(`SELECT channel->'retry'->>'attempt' AS a FROM messages WHERE id = $1`, [msg.body.id])).rows[0].a;
    expect(Number(attempts)).toBeGreaterThanOrEqual(2);
  });

  it('fails a permanent refusal with Twilio’s code and reason, and a retry from the thread sends it', async () => {
    const client = '+13105550133';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'hi' });
    const conv = await conversationOf(client);
    // Opted out at Twilio (STOP) but the inbox was told only now: 21610 from the API.
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'UNSUBSCRIBE' });
    await until(() => admin.get(`/api/v1/contacts/${conv.contact.id}`).then((r) => r.body.dndSettings.SMS.status), (s) => s === 'permanent');
    await server.pool.query(`UPDATE contacts SET dnd_settings = '{}' WHERE id = $1`, [conv.contact.id]); // the inbox forgot
    const msg = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Are you there?' });
    const failed = await until(() => messageStatus(msg.body.id), (m) => m.status === 'failed');
    expect(failed).toMatchObject({ error_code: '21610', error_message: 'Attempt to send to unsubscribed recipient' });
    const contact = (await admin.get(`/api/v1/contacts/${conv.contact.id}`)).body;
    expect(contact.dndSettings.SMS.status).toBe('permanent');
    // Retrying is refused by DND now — in plain words, before Twilio is called.
    const retry = await admin.post(`/api/v1/messages/${msg.body.id}/retry`);
    expect(retry.body.error.code).toBe('dnd_active');
  });

  it('marks a carrier failure undelivered with its reason and a temporary SMS DND', async () => {
    const client = '+16175550003';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'hello' });
    const conv = await conversationOf(client);
    const msg = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Confirming tomorrow 10am' });
    const final = await until(() => messageStatus(msg.body.id), (m) => m.status === 'undelivered');
    expect(final).toMatchObject({ error_code: '30003', error_message: 'Unreachable destination handset.' });
    const contact = (await admin.get(`/api/v1/contacts/${conv.contact.id}`)).body;
    expect(contact.dndSettings.SMS.status).toBe('active');
    // A user may lift it and retry.
    await admin.patch(`/api/v1/contacts/${conv.contact.id}`, { dndSettings: { SMS: { status: 'inactive' } } });
    const retried = await admin.post(`/api/v1/messages/${msg.body.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe('queued');
  });
});

describe('recipients', () => {
  it('sends to another of the contact’s numbers when asked, and never to a stranger', async () => {
    const client = '+13105550166';
    await simPost('/_sim/sms', { from: client, to: PRACTICE, body: 'hi' });
    const conv = await conversationOf(client);
    await admin.patch(`/api/v1/contacts/${conv.contact.id}`, { additionalPhones: ['+13105550177'] });
    const stranger = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'x', toNumber: '+13105550999' });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.code).toBe('invalid_to_number');
    const other = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'On your work phone', toNumber: '+13105550177' });
    expect(other.status).toBe(201);
    await until(() => simMessages('+13105550177'), (list) => list.some((m) => m.body.startsWith('On your work phone')));
    const badFrom = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'x', fromNumber: '+12125550999' });
    expect(badFrom.body.error.code).toBe('invalid_from_number');
  });
});
