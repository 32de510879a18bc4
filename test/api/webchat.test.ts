/**
 * Web chat over real HTTP and WebSockets: the widget's public API (origin guard, CORS, visitor
 * tokens, rate limits), the visitor's conversation as the team sees it, replies and typing live
 * in both directions, and what a visitor must never see.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type LiveSocket } from '../helpers/client';
import { deliver } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const OTHER_SITE = 'https://radiance.example';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let sockets: LiveSocket[] = [];

const visitor = (origin: string | null = SITE, locationId = fx.locationId, headers: Record<string, string> = {}) =>
  new WidgetVisitor(server.url, locationId, origin, headers);
async function started(): Promise<WidgetVisitor> {
  const v = visitor();
  expect((await v.start()).status).toBe(201);
  return v;
}
const track = (s: LiveSocket) => (sockets.push(s), s);
const conversationOf = async (v: WidgetVisitor) =>
  (
    await server.pool.query(
      `SELECT cv.id, cv.contact_id FROM webchat_visitors w JOIN contact_identities ci ON ci.location_id = w.location_id AND ci.kind = 'webchat' AND ci.value = w.id::text
         JOIN conversations cv ON cv.location_id = w.location_id AND cv.contact_id = ci.contact_id
        WHERE w.id = $1`,
      [v.id],
    )
  ).rows[0] as { id: string; contact_id: string };

beforeAll(async () => {
  // Behind a proxy: X-Forwarded-For is the client IP (the per-IP limit test uses its own).
  server = await startTestServer({ TRUST_PROXY: 'true' });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  const res = await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE + '/'], greeting: 'Hello from Glow', color: '#AA3366' });
  expect(res.status).toBe(200);
  const other = await ApiClient.signedIn(server.url, fx.stranger);
  expect((await other.put('/api/v1/webchat/settings', { allowedOrigins: [SITE, OTHER_SITE] })).status).toBe(200);
});
afterAll(async () => {
  await Promise.all(sockets.map((s) => s.close()));
  await server.stop();
});

describe('settings', () => {
  it('keeps normalized origins and gives the embed snippet; only admins change them', async () => {
    const res = await admin.get('/api/v1/webchat/settings');
    expect(res.body).toMatchObject({ allowedOrigins: [SITE], greeting: 'Hello from Glow', color: '#aa3366' });
    expect(res.body.embedSnippet).toBe(`<script src="${server.url}/widget.js" data-location="${fx.locationId}" async></script>`);

    const bad = await admin.put('/api/v1/webchat/settings', { allowedOrigins: ['https://glow.example/contact'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^body\.allowedOrigins\.0: must be an origin/);
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    expect((await staff.get('/api/v1/webchat/settings')).status).toBe(200);
    expect((await staff.put('/api/v1/webchat/settings', { allowedOrigins: [] })).status).toBe(403);
  });
});

describe('origin guard and CORS', () => {
  it('refuses other sites, and requests without an Origin, with 403 origin_not_allowed', async () => {
    for (const origin of ['https://evil.example', 'http://glow-clinic.example', null]) {
      const res = await visitor(origin).start();
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('origin_not_allowed');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    // Another location's allowed site is not this location's.
    expect((await visitor(OTHER_SITE).start()).status).toBe(403);
    expect((await visitor(SITE, crypto.randomUUID()).start()).status).toBe(404);
  });

  it('answers the preflight and the request of an allowed site with CORS headers for that site only', async () => {
    const pre = await fetch(`${server.url}/widget/v1/${fx.locationId}/messages`, {
      method: 'OPTIONS',
      headers: { origin: SITE, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    expect(pre.headers.get('access-control-allow-methods')).toMatch(/POST/);
    const refused = await fetch(`${server.url}/widget/v1/${fx.locationId}/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refused.status).toBe(403);

    const v = visitor();
    const res = await v.start();
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.body.visitorToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the token's hash is stored.
    const row = (await server.pool.query('SELECT token_hash FROM webchat_visitors WHERE id = $1', [v.id])).rows[0];
    expect(row.token_hash.equals(crypto.createHash('sha256').update(v.token!).digest())).toBe(true);
    // The contact (with the visitor's web chat identity) comes with the first message.
    expect((await server.pool.query(`SELECT 1 FROM contact_identities WHERE kind = 'webchat' AND value = $1`, [v.id])).rowCount).toBe(0);

    const config = await v.request('GET', '/config');
    expect(config.body).toEqual({
      locationName: expect.stringMatching(/^Glow/),
      greeting: 'Hello from Glow',
      color: '#aa3366',
      online: true,
      maxUploadBytes: 10 * 1024 * 1024,
    });
  });
});

describe('a visitor chats with the team', () => {
  it('first message creates contact and conversation, seen by the team over HTTP and WebSocket; the reply reaches the widget with the agent’s name', async () => {
    const agentWs = track(await admin.socket());
    await agentWs.ready();
    const v = await started();
    const ws = track(await v.socket());
    await ws.waitFor((f) => f.some((x) => x.type === 'ready'));

    const sent = await v.say('Hi, do you have time for lip filler on Friday?', 'tab1-0001');
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ direction: 'inbound', agent: null, clientId: 'tab1-0001' });
    const conv = await conversationOf(v);

    const created = await agentWs.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.id === sent.body.id));
    expect(created.find((x) => x.type === 'message.created')!.data).toMatchObject({ messageType: 'TYPE_LIVE_CHAT', direction: 'inbound', status: 'received' });
    expect(agentWs.events().some((x) => x.type === 'conversation.created' && x.data.id === conv.id)).toBe(true);
    const seen = await admin.get(`/api/v1/conversations/${conv.id}`);
    expect(seen.body).toMatchObject({ contact: { name: 'Website visitor' }, unreadCount: 1, lastInbound: { messageType: 'TYPE_LIVE_CHAT' } });
    expect((await admin.get(`/api/v1/contacts/${conv.contact_id}`)).body.source).toBe('web chat');
    // The visitor's own message is echoed to their socket (other tabs).
    await ws.waitFor((f) => f.some((x) => x.type === 'message' && x.message.id === sent.body.id));

    // A retried send with the same client id stores one message.
    expect((await v.say('Hi, do you have time for lip filler on Friday?', 'tab1-0001')).body.id).toBe(sent.body.id);

    const reply = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: 'Yes! 3pm works.' });
    expect(reply.status).toBe(201);
    const frames = await ws.waitFor((f) => f.some((x) => x.type === 'message' && x.message.id === reply.body.id));
    expect(frames.find((x) => x.type === 'message' && x.message.id === reply.body.id)).toMatchObject({
      message: { direction: 'outbound', body: 'Yes! 3pm works.', agent: { name: 'Ada Admin' } },
    });

    const list = await v.messages();
    expect(list.body.items.map((m: any) => [m.direction, m.body, m.agent?.name ?? null])).toEqual([
      ['inbound', 'Hi, do you have time for lip filler on Friday?', null],
      ['outbound', 'Yes! 3pm works.', 'Ada Admin'],
    ]);
    // After a reconnect the widget asks for what came after its last message.
    expect((await v.messages(`?after=${sent.body.id}`)).body.items.map((m: any) => m.id)).toEqual([reply.body.id]);
    expect((await v.messages(`?after=${reply.body.id}`)).body.items).toEqual([]);
  });

  it('shows typing both ways, only in that conversation', async () => {
    const v = await started();
    expect((await v.typing(true)).status).toBe(200); // no conversation yet: nothing to show, no error
    await v.say('Question about laser hair removal');
    const conv = await conversationOf(v);
    const agentWs = track(await admin.socket());
    await agentWs.ready();
    const ws = track(await v.socket());
    await ws.waitFor((f) => f.some((x) => x.type === 'ready'));

    await v.typing(true);
    const got = await agentWs.waitFor((f) => f.some((x) => x.type === 'typing'));
    expect(got.find((x) => x.type === 'typing')!.data).toEqual({ locationId: fx.locationId, conversationId: conv.id, who: 'visitor', name: 'Visitor', typing: true });

    expect((await admin.post(`/api/v1/conversations/${conv.id}/typing`, { typing: true })).status).toBe(200);
    const vf = await ws.waitFor((f) => f.some((x) => x.type === 'typing'));
    expect(vf.find((x) => x.type === 'typing')).toEqual({ type: 'typing', name: 'Ada Admin', typing: true });
    // The visitor does not get their own signal back; another location's conversation is unknown here.
    expect(vf.filter((x) => x.type === 'typing')).toHaveLength(1);
    const stranger = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await stranger.post(`/api/v1/conversations/${conv.id}/typing`, { typing: true })).status).toBe(404);
  });
});

describe('what a visitor sees', () => {
  it('only the web chat items of their own conversation: no internal comments, no other channels, no other visitor', async () => {
    const a = await started();
    const b = await started();
    await a.say('Visitor A here');
    await b.say('Visitor B here');
    const conv = await conversationOf(a);
    const wsA = track(await a.socket());
    const wsB = track(await b.socket());
    await Promise.all([wsA, wsB].map((s) => s.waitFor((f) => f.some((x) => x.type === 'ready'))));

    expect((await admin.post(`/api/v1/conversations/${conv.id}/comments`, { body: 'SECRET note: VIP' })).status).toBe(201);
    await deliver(server.pool, { locationId: fx.locationId, contactId: conv.contact_id, messageType: 'TYPE_SMS', body: 'SECRET by SMS' });
    const reply = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'Live_Chat', body: 'Hello A' });
    await wsA.waitFor((f) => f.some((x) => x.type === 'message' && x.message.id === reply.body.id));

    const bodies = (await a.messages()).body.items.map((m: any) => m.body);
    expect(bodies).toEqual(['Visitor A here', 'Hello A']);
    expect(JSON.stringify(wsA.frames)).not.toContain('SECRET');
    expect((await b.messages()).body.items.map((m: any) => m.body)).toEqual(['Visitor B here']);
    expect(JSON.stringify(wsB.frames)).not.toContain('Hello A');
  });

  it('refuses a missing, unknown or other location’s token (401), on HTTP and the socket', async () => {
    const mine = await started();
    const theirs = visitor(SITE, fx.otherLocationId);
    expect((await theirs.start()).status).toBe(201);

    const borrowed = visitor(SITE, fx.locationId);
    borrowed.token = theirs.token;
    for (const v of [borrowed, visitor()]) {
      const res = await v.messages();
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe(SITE); // readable by the widget, which starts over
    }
    expect((await borrowed.say('hello?')).status).toBe(401);
    await expect(borrowed.socket()).rejects.toMatchObject({ status: 401 });
    await expect(visitor('https://evil.example').socket(mine.token)).rejects.toMatchObject({ status: 403 });
  });
});

describe('leaving details', () => {
  it('names the contact; the e-mail and phone are unverified details of it, never used to match an inbound SMS (a visitor can type anyone’s)', async () => {
    await connectTwilio(admin, '+12125550100');
    const v = await started();
    await v.say('Hi');
    const conv = await conversationOf(v);
    const res = await v.profile({ name: 'Maria Lopez', email: 'Maria@Example.com', phone: '(212) 555-0142' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ name: 'Maria Lopez', email: 'maria@example.com', phone: '+12125550142' });
    const contact = (await admin.get(`/api/v1/contacts/${conv.contact_id}`)).body;
    expect(contact).toMatchObject({
      name: 'Maria Lopez',
      email: null,
      phone: null,
      additionalPhones: [],
      additionalEmails: [],
      webChatDetails: { email: 'maria@example.com', phone: '+12125550142' },
    });

    // The real owner of that number texts the clinic: a contact of their own, not the visitor's thread.
    const sms = await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+12125550142', '+12125550100', 'Is my appointment tomorrow?'));
    expect(sms.status).toBe(200);
    const byPhone = await server.pool.query(`SELECT id FROM contacts WHERE location_id = $1 AND phone = '+12125550142'`, [fx.locationId]);
    expect(byPhone.rows).toHaveLength(1);
    expect(byPhone.rows[0].id).not.toBe(conv.contact_id);
    const visitorThread = (await admin.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    expect(visitorThread.map((m: any) => m.body)).not.toContain('Is my appointment tomorrow?');
    // Nor by e-mail: the contact list finds the visitor's contact by name, never by the typed e-mail.
    expect((await admin.get('/api/v1/contacts?q=maria%40example.com')).body.items.map((c: any) => c.id)).not.toContain(conv.contact_id);

    // A second visitor may type the same details: both keep them, neither is refused.
    const twin = await started();
    await twin.say('Me again, other browser');
    const twinConv = await conversationOf(twin);
    const again = await twin.profile({ name: 'Maria L', email: 'maria@example.com', phone: '+1 212 555 0142' });
    expect(again.status).toBe(200);
    expect((await admin.get(`/api/v1/contacts/${twinConv.contact_id}`)).body).toMatchObject({
      name: 'Maria L',
      email: null,
      phone: null,
      webChatDetails: { email: 'maria@example.com', phone: '+12125550142' },
    });

    // Details left before the first message are on the contact it creates; a later one adds to them.
    const early = await started();
    await early.profile({ name: 'Early Bird', email: 'early@example.com' });
    await early.say('Hello');
    const earlyId = (await conversationOf(early)).contact_id;
    expect((await admin.get(`/api/v1/contacts/${earlyId}`)).body).toMatchObject({ name: 'Early Bird', email: null, webChatDetails: { email: 'early@example.com', phone: null } });
    await early.profile({ phone: '212 555 0199' });
    expect((await admin.get(`/api/v1/contacts/${earlyId}`)).body.webChatDetails).toEqual({ email: 'early@example.com', phone: '+12125550199' });

    const bad = await v.profile({ phone: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});

describe('rate limits', () => {
  it('limits messages per visitor with 429 rate_limited (readable cross-origin)', async () => {
    const v = await started();
    const answers = [];
    for (let i = 0; i < 31; i++) answers.push((await v.say(`message ${i}`)).status);
    expect(answers.slice(0, 30).every((s) => s === 201)).toBe(true);
    const res = await v.say('one too many');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-origin')).toBe(SITE);
    // Another visitor is not affected.
    expect((await (await started()).say('hello')).status).toBe(201);
  });

  it('limits new visitors per IP', async () => {
    const fromOneIp = () => visitor(SITE, fx.locationId, { 'x-forwarded-for': '203.0.113.9' }).start();
    for (let i = 0; i < 20; i++) expect((await fromOneIp()).status).toBe(201);
    const res = await fromOneIp();
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
  });
});
