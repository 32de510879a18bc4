/**
 * Send later: a scheduled message waits in the thread, can be edited or cancelled, is sent by the
 * durable queue within seconds of its time (also across a server restart), and the send rules
 * (DND, merge fields) are checked again at that time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { freePort } from '../../src/server/db/embedded';
import { ApiClient } from '../helpers/client';
import { deliver, newContact } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { WidgetVisitor } from '../helpers/widget';

const SID = 'AC' + '5c'.repeat(16);
const TOKEN = 'scheduled-simulated-auth-token';
const PRACTICE = '+12125550177';
let sim: Simulator;
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let other: ApiClient;
let env: Record<string, string>;

beforeAll(async () => {
  const port = await freePort();
  sim = await startSimulator({ port: 0, appUrl: `http://127.0.0.1:${port}`, accounts: [{ sid: SID, token: TOKEN, numbers: [PRACTICE] }], timing: { statusDelayMs: 30 } });
  env = { PORT: String(port), TWILIO_API_BASE_URL: sim.url };
  server = await startTestServer(env);
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  other = await ApiClient.signedIn(server.url, fx.stranger);
  expect((await admin.post('/api/v1/channels', { type: 'twilio', phoneNumber: PRACTICE, accountSid: SID, authToken: TOKEN })).status).toBe(201);
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

const until = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = async (id: string) =>
  (await server.pool.query('SELECT status, body, error_code, error_message, scheduled_at, created_at FROM messages WHERE id = $1', [id])).rows[0];
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

async function chat(extra: Record<string, unknown> = {}) {
  const contact = await newContact(admin, extra);
  const { message } = await deliver(server.pool, { locationId: fx.locationId, contactId: contact.id, messageType: 'TYPE_LIVE_CHAT', body: 'Can I book?' });
  return { contact, id: message.conversationId };
}

describe('scheduling', () => {
  it('stores a scheduled message at the end of the thread, leaves the conversation as it was, and sends it on time', async () => {
    const { id } = await chat({ firstName: 'Mia' });
    const before = (await admin.get(`/api/v1/conversations/${id}`)).body;
    const ws = await admin.socket();
    await ws.ready();
    const at = inSeconds(2);
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Good morning {{contact.first_name}}!', scheduledAt: at });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'scheduled', scheduledAt: at, createdAt: at, body: 'Good morning {{contact.first_name}}!' });
    const thread = (await admin.get(`/api/v1/conversations/${id}/messages`)).body.items;
    expect(thread[0]).toMatchObject({ id: res.body.id, status: 'scheduled' });
    const conv = (await admin.get(`/api/v1/conversations/${id}`)).body;
    expect(conv.lastMessage).toEqual(before.lastMessage);
    expect(conv.unreadCount).toBe(before.unreadCount);

    const sent = await until(() => row(res.body.id), (m) => m.status === 'sent', 8000);
    expect(sent.body).toBe('Good morning Mia!');
    // Within seconds of its time (the worker polls every second).
    expect(sent.created_at.getTime() - new Date(at).getTime()).toBeGreaterThanOrEqual(-50);
    expect(sent.created_at.getTime() - new Date(at).getTime()).toBeLessThan(3000);
    await ws.waitFor((f) => f.some((x) => x.type === 'message.updated' && x.data.id === res.body.id && x.data.status === 'sent'));
    const after = (await admin.get(`/api/v1/conversations/${id}`)).body;
    expect(after.lastMessage.body).toBe('Good morning Mia!');
    expect(after.unreadCount).toBe(0);
    await ws.close();
  });

  it('reads a wall-clock time in the given time zone (default: the location’s) and refuses past or impossible times', async () => {
    const { id } = await chat();
    const year = new Date().getUTCFullYear() + 1;
    const london = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'a', scheduledAt: `${year}-07-01T10:00`, timezone: 'Europe/London' });
    expect(london.body.scheduledAt).toBe(`${year}-07-01T09:00:00.000Z`);
    const local = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'b', scheduledAt: `${year}-01-15T10:00` });
    expect(local.body.scheduledAt).toBe(`${year}-01-15T15:00:00.000Z`); // New York, EST
    const past = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'c', scheduledAt: '2020-01-01T10:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields[0].field).toBe('body.scheduledAt');
    // 2:30 AM does not exist in New York on the second Sunday of March.
    const secondSunday = (() => {
      const d = new Date(Date.UTC(year, 2, 1));
      const firstSunday = 1 + ((7 - d.getUTCDay()) % 7);
      return `${year}-03-${String(firstSunday + 7).padStart(2, '0')}`;
    })();
    const skipped = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'd', scheduledAt: `${secondSunday}T02:30` });
    expect(skipped.status).toBe(400);
    expect(skipped.body.error.message).toMatch(/does not exist/);
    expect((await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'e', scheduledAt: 'tomorrow' })).status).toBe(400);
    expect((await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'f', scheduledAt: `${year}-01-15T10:00`, timezone: 'Mars/Olympus' })).status).toBe(400);
    // Merge fields are checked when scheduling, too.
    const bad = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: '{{contact.shoe_size}}', scheduledAt: inSeconds(60) });
    expect(bad.body.error.code).toBe('merge_field_unknown');
  });

  it('edits a scheduled message (body and time: the send moves with it), then refuses edits once sent', async () => {
    const { id } = await chat();
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'First draft', scheduledAt: inSeconds(1.5) });
    const later = inSeconds(4);
    const edited = await admin.patch(`/api/v1/messages/${res.body.id}`, { body: 'Final text for {{contact.first_name}}', scheduledAt: later });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ status: 'scheduled', body: 'Final text for {{contact.first_name}}', scheduledAt: later, createdAt: later });
    expect((await admin.patch(`/api/v1/messages/${res.body.id}`, { body: 'Hi {{contact.unknown}}' })).body.error.code).toBe('merge_field_unknown');
    expect((await other.patch(`/api/v1/messages/${res.body.id}`, { body: 'x' })).status).toBe(404);

    await sleep(2500); // past the first time: nothing goes out then
    expect((await row(res.body.id)).status).toBe('scheduled');
    const sent = await until(() => row(res.body.id), (m) => m.status === 'sent');
    expect(sent.body).toBe('Final text for Client');
    expect(sent.created_at.getTime()).toBeGreaterThanOrEqual(new Date(later).getTime() - 50);

    const tooLate = await admin.patch(`/api/v1/messages/${res.body.id}`, { body: 'again' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.error.code).toBe('not_scheduled');
  });

  it('cancels a scheduled message: it stays in the thread as cancelled and never goes out', async () => {
    const { id } = await chat();
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Never mind', scheduledAt: inSeconds(1.5) });
    expect((await other.post(`/api/v1/messages/${res.body.id}/cancel`)).status).toBe(404);
    const cancelled = await admin.post(`/api/v1/messages/${res.body.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'canceled', error: { code: 'canceled' } });
    const jobs = await server.pool.query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`send_scheduled:${res.body.id}`]);
    expect(jobs.rows[0].n).toBe(0);
    await sleep(2500);
    expect((await row(res.body.id)).status).toBe('canceled');
    const thread = (await admin.get(`/api/v1/conversations/${id}/messages`)).body.items;
    expect(thread.find((m: any) => m.id === res.body.id).status).toBe('canceled');
    expect((await admin.post(`/api/v1/messages/${res.body.id}/cancel`)).status).toBe(409);
  });

  it('checks DND again at send time: set in between, the message fails with the reason', async () => {
    const { contact, id } = await chat();
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Special offer!', scheduledAt: inSeconds(1.5) });
    expect(res.status).toBe(201);
    await admin.patch(`/api/v1/contacts/${contact.id}`, { dnd: true });
    const failed = await until(() => row(res.body.id), (m) => m.status !== 'scheduled');
    expect(failed).toMatchObject({ status: 'failed', error_code: 'dnd_active', error_message: 'Cannot send messages as DND is active for all channels.' });
    // Retrying while DND is on is refused as well.
    expect((await admin.post(`/api/v1/messages/${res.body.id}/retry`)).body.error.code).toBe('dnd_active');
  });

  it('fills merge fields at send time: a field emptied in between fails the message with the field named', async () => {
    const { contact, id } = await chat({ email: `ella-${Date.now()}@example.com` });
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'We wrote to {{contact.email}}', scheduledAt: inSeconds(1.5) });
    expect(res.status).toBe(201);
    await server.pool.query('UPDATE contacts SET email = NULL WHERE id = $1', [contact.id]);
    const failed = await until(() => row(res.body.id), (m) => m.status !== 'scheduled');
    expect(failed).toMatchObject({ status: 'failed', error_code: 'merge_field_empty', body: 'We wrote to {{contact.email}}' });
    expect(failed.error_message).toMatch(/\{\{contact\.email\}\}/);
  });

  it('keeps a scheduled web chat reply from the visitor until it is sent', async () => {
    const site = 'https://glow-scheduled.example';
    expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [site] })).status).toBe(200);
    const visitor = new WidgetVisitor(server.url, fx.locationId, site);
    expect((await visitor.start()).status).toBe(201);
    const first = await visitor.say('Is Saturday free?');
    const conversationId = (await server.pool.query('SELECT conversation_id FROM messages WHERE id = $1', [first.body.id])).rows[0].conversation_id;
    const ws = await visitor.socket();
    await ws.waitFor((f) => f.some((x) => x.type === 'ready'));
    const res = await admin.post(`/api/v1/conversations/${conversationId}/messages`, { type: 'Live_Chat', body: 'Saturday 10am is free!', scheduledAt: inSeconds(1.5) });
    expect(res.status).toBe(201);
    expect((await visitor.messages()).body.items.map((m: any) => m.body)).toEqual(['Is Saturday free?']);
    const frames = await ws.waitFor((f) => f.some((x: any) => x.type === 'message' && x.message.id === res.body.id), 8000, 'the sent reply');
    // Only once, when sent (never while scheduled).
    expect(frames.filter((x: any) => x.type === 'message' && x.message.id === res.body.id)).toHaveLength(1);
    expect((await visitor.messages()).body.items.map((m: any) => m.body)).toEqual(['Is Saturday free?', 'Saturday 10am is free!']);
    await ws.close();
  });

  it('sends a scheduled SMS through the provider at its time', async () => {
    const client = '+13105550199';
    await fetch(`${sim.url}/_sim/sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ from: client, to: PRACTICE, body: 'hi' }) });
    const conv = await until(
      () => server.pool.query(`SELECT c.id FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.phone = $1`, [client]).then((r) => r.rows[0]),
      (c) => !!c,
    );
    const res = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Your reminder from {{location.name}}', scheduledAt: inSeconds(1.5) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'scheduled', channel: { from: PRACTICE, to: client } });
    const simMessages = async () => (await (await fetch(`${sim.url}/_sim/messages?number=${encodeURIComponent(client)}`)).json()) as any[];
    expect((await simMessages()).filter((m) => m.direction === 'outbound-api')).toHaveLength(0);
    await until(() => row(res.body.id), (m) => m.status === 'delivered');
    const out = (await simMessages()).find((m) => m.direction === 'outbound-api');
    expect(out.body).toMatch(/^Your reminder from Glow /);
    expect(out.body).toMatch(/Reply STOP to unsubscribe\.$/);
  });
});

describe('across a restart', () => {
  it('sends a message scheduled before the server stopped, within seconds of its time, from the new server', async () => {
    const { id } = await chat();
    const at = inSeconds(3);
    const res = await admin.post(`/api/v1/conversations/${id}/messages`, { type: 'Live_Chat', body: 'Sent by the next server', scheduledAt: at });
    expect(res.status).toBe(201);
    const databaseUrl = server.databaseUrl;
    await server.stop();
    server = await startTestServer(env, databaseUrl);
    admin = await ApiClient.signedIn(server.url, fx.admin);
    expect((await row(res.body.id)).status).toBe('scheduled');
    const sent = await until(() => row(res.body.id), (m) => m.status === 'sent');
    const lag = sent.created_at.getTime() - new Date(at).getTime();
    expect(lag).toBeGreaterThanOrEqual(-50);
    expect(lag).toBeLessThan(4000);
    const thread = (await admin.get(`/api/v1/conversations/${id}/messages`)).body.items;
    expect(thread[0]).toMatchObject({ id: res.body.id, status: 'sent', body: 'Sent by the next server' });
  });
});
