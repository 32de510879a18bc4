import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';
import { AUTH_TOKEN, connectTwilio, inboundSms, messageSid, postTwilio } from '../helpers/twilio';
import { createSecrets, loadSecretKey } from '../../src/server/crypto/secrets';
import { twilioSignature } from '../../src/server/channels/twilio/signature';

const PRACTICE = '+12125550100';
let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
  await connectTwilio(admin, '(212) 555-0100');
});
afterAll(() => server.stop());

const count = async (sql: string, params: unknown[] = []) => (await server.pool.query(sql, params)).rows[0].n as number;

describe('connecting a Twilio number', () => {
  it('stores the token sealed, never returns it, and lists the webhook URLs', async () => {
    const list = await admin.get('/api/v1/channels');
    expect(list.status).toBe(200);
    const ch = list.body.items[0];
    expect(ch).toMatchObject({ type: 'twilio', phoneNumber: PRACTICE, isDefault: true });
    expect(ch.webhooks).toMatchObject({ sms: `${server.url}/webhooks/twilio/sms`, smsStatus: `${server.url}/webhooks/twilio/sms-status` });
    expect(JSON.stringify(list.body)).not.toContain('test-auth-token');
    const raw = await server.pool.query('SELECT secrets FROM channels');
    expect(raw.rows[0].secrets).not.toContain('test-auth-token');
    expect(raw.rows[0].secrets).toMatch(/^v1\./);
    expect((await admin.post('/api/v1/channels', { type: 'twilio', phoneNumber: PRACTICE, accountSid: 'AC' + '0'.repeat(32), authToken: 'x'.repeat(20) })).status).toBe(409);
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    expect((await staff.get('/api/v1/channels')).status).toBe(403);
  });
});

describe('inbound SMS webhook', () => {
  it('stores the message in the contact’s conversation (creating the contact) and answers TwiML', async () => {
    const res = await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550111', PRACTICE, 'Hi, is Saturday free?'));
    expect(res.status).toBe(200);
    expect(res.type).toContain('xml');
    expect(res.text).toContain('<Response/>');
    const list = await admin.get('/api/v1/conversations?q=9175550111');
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ unreadCount: 1, lastMessage: { body: 'Hi, is Saturday free?', messageType: 'TYPE_SMS', direction: 'inbound' } });
    expect(list.body.items[0].contact.phone).toBe('+19175550111');
  });

  it('refuses a missing signature (400), a forged one (403) and a malformed body (400), storing nothing', async () => {
    const before = await count('SELECT count(*)::int AS n FROM messages');
    const contactsBefore = await count('SELECT count(*)::int AS n FROM contacts');
    expect((await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550122', PRACTICE, 'unsigned'), 'none')).status).toBe(400);
    expect((await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550122', PRACTICE, 'forged'), 'forged')).status).toBe(403);
    const bad = { ...inboundSms('+19175550122', PRACTICE, 'bad sid'), MessageSid: 'nope', SmsSid: 'nope' };
    expect((await postTwilio(server.url, '/webhooks/twilio/sms', bad)).status).toBe(400);
    expect((await postTwilio(server.url, '/webhooks/twilio/sms', { ...inboundSms('not-a-phone', PRACTICE, 'x') })).status).toBe(400);
    // A valid signature over other parameters than those sent is forged too.
    const tampered = await fetch(server.url + '/webhooks/twilio/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' },
      body: new URLSearchParams(inboundSms('+19175550122', PRACTICE, 'x')),
    });
    expect(tampered.status).toBe(403);
    expect(await count('SELECT count(*)::int AS n FROM messages')).toBe(before);
    expect(await count('SELECT count(*)::int AS n FROM contacts')).toBe(contactsBefore);
  });

  it('stores one message for 50 concurrent deliveries of one MessageSid', async () => {
    const params = inboundSms('+19175550133', PRACTICE, 'Same message, many deliveries');
    const results = await Promise.all(Array.from({ length: 50 }, () => postTwilio(server.url, '/webhooks/twilio/sms', params)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await count(`SELECT count(*)::int AS n FROM messages WHERE provider_message_id = $1`, [params.MessageSid])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM contacts WHERE phone = '+19175550133'`)).toBe(1);
    const conv = (await admin.get('/api/v1/conversations?q=9175550133')).body.items[0];
    expect(conv.unreadCount).toBe(1);
  });

  it('answers a number no location has connected exactly like a wrong signature (numbers cannot be probed)', async () => {
    const unknown = await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550144', '+12125550999', 'who?'));
    const forged = await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550144', PRACTICE, 'who?'), 'forged');
    expect(unknown.status).toBe(403);
    expect({ status: unknown.status, text: unknown.text, type: unknown.type }).toEqual({ status: forged.status, text: forged.text, type: forged.type });
    expect(JSON.parse(unknown.text).error.code).toBe('signature_invalid');
  });
});

describe('a channel’s token', () => {
  it('signed with a new token is accepted at once, though webhooks remember channels for a few seconds', async () => {
    const ok = () => postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550166', PRACTICE, 'token check'));
    expect((await ok()).status).toBe(200); // the channel is now remembered
    // Another process re-seals the token: a signature by the new one is checked against the stored
    // channel at once (the remembered one would refuse it). The old token stops working when this
    // process forgets the channel, within seconds.
    const secrets = createSecrets(loadSecretKey(undefined, server.dataDir));
    await server.pool.query(`UPDATE channels c SET secrets = $1 FROM channel_addresses a WHERE a.channel_id = c.id AND a.address = $2`, [secrets.encrypt(JSON.stringify({ authToken: 'rotated-token-0123456789' })), PRACTICE]);
    const params = inboundSms('+19175550166', PRACTICE, 'signed with the new token');
    const res = await fetch(server.url + '/webhooks/twilio/sms', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature('rotated-token-0123456789', server.url + '/webhooks/twilio/sms', params) },
      body: new URLSearchParams(params),
    });
    expect(res.status).toBe(200);
    await server.pool.query(`UPDATE channels c SET secrets = $1 FROM channel_addresses a WHERE a.channel_id = c.id AND a.address = $2`, [secrets.encrypt(JSON.stringify({ authToken: AUTH_TOKEN })), PRACTICE]);
    expect((await ok()).status).toBe(200);
    // Disconnected here: webhooks to it are refused at once (like any number not connected).
    const id = (await admin.get('/api/v1/channels')).body.items[0].id;
    expect((await admin.delete(`/api/v1/channels/${id}`)).status).toBe(200);
    expect((await ok()).status).toBe(403);
    await connectTwilio(admin, PRACTICE);
    expect((await ok()).status).toBe(200);
  });
});

describe('opt-out keywords', () => {
  it('STOP sets permanent SMS DND with an activity item; START lifts it; HELP queues the help text', async () => {
    const from = '+19175550155';
    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms(from, PRACTICE, 'hello'));
    const contact = (await admin.get('/api/v1/contacts?q=9175550155')).body.items[0];
    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms(from, PRACTICE, ' stop '));
    let c = (await admin.get(`/api/v1/contacts/${contact.id}`)).body;
    expect(c.dndSettings.SMS.status).toBe('permanent');
    const conv = (await admin.get('/api/v1/conversations?q=9175550155')).body.items[0];
    let thread = (await admin.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    expect(thread[0]).toMatchObject({ messageType: 'TYPE_ACTIVITY_CONTACT', meta: { action: 'dnd_on', record: { type: 'contact' }, details: { channel: 'SMS' }, actor: { type: 'contact' } } });
    const refused = await admin.post(`/api/v1/conversations/${conv.id}/messages`, { type: 'SMS', body: 'Are you sure?' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('dnd_active');

    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms(from, PRACTICE, 'START'));
    c = (await admin.get(`/api/v1/contacts/${contact.id}`)).body;
    expect(c.dndSettings.SMS.status).toBe('inactive');
    thread = (await admin.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    expect(thread[0].meta).toMatchObject({ action: 'dnd_off', details: { channel: 'SMS' }, changes: { 'SMS DND': { from: 'permanent', to: 'inactive' } } });

    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms(from, PRACTICE, 'HELP'));
    thread = (await admin.get(`/api/v1/conversations/${conv.id}/messages`)).body.items;
    const help = thread.find((m: any) => m.direction === 'outbound' && m.messageType === 'TYPE_SMS');
    expect(help).toMatchObject({ meta: { automated: 'help' } });
    expect(help.body).toContain('Reply STOP to unsubscribe');
  });
});

describe('status callbacks', () => {
  it('are signed, find the message by MessageSid and never move its status backwards', async () => {
    const from = '+19175550166';
    await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms(from, PRACTICE, 'hi'));
    const conv = (await admin.get('/api/v1/conversations?q=9175550166')).body.items[0];
    const contactId = conv.contact.id;
    // An outbound message that Twilio has accepted (as the send job leaves it).
    const sid = messageSid();
    const m = await server.pool.query(
      `INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, provider, provider_message_id, channel)
       VALUES ($1, $2, $3, 'TYPE_SMS', 'outbound', 'sent', 'Your appointment is confirmed', 'twilio', $4, '{}') RETURNING id`,
      [fx.locationId, conv.id, contactId, sid],
    );
    const cb = (status: string, extra: Record<string, string> = {}) =>
      postTwilio(server.url, '/webhooks/twilio/sms-status', { MessageSid: sid, SmsSid: sid, MessageStatus: status, SmsStatus: status, AccountSid: 'AC' + 'a1'.repeat(16), From: PRACTICE, To: from, ApiVersion: '2010-04-01', ...extra });
    expect((await cb('delivered')).status).toBe(204);
    expect((await cb('sent')).status).toBe(204); // late and out of order
    const status = async () => (await server.pool.query('SELECT status FROM messages WHERE id = $1', [m.rows[0].id])).rows[0].status;
    expect(await status()).toBe('delivered');
    expect((await postTwilio(server.url, '/webhooks/twilio/sms-status', { MessageSid: sid, MessageStatus: 'failed', From: PRACTICE }, 'forged')).status).toBe(403);
    expect(await status()).toBe('delivered');
  });

  it('keep a callback that arrives before the send job stored the sid, and apply it then', async () => {
    const sid = messageSid();
    const res = await postTwilio(server.url, '/webhooks/twilio/sms-status', {
      MessageSid: sid, MessageStatus: 'delivered', AccountSid: 'AC' + 'a1'.repeat(16), From: PRACTICE, To: '+19175550177', ApiVersion: '2010-04-01',
    });
    expect(res.status).toBe(204);
    expect(await count(`SELECT count(*)::int AS n FROM provider_status_inbox WHERE provider_message_id = $1`, [sid])).toBe(1);
  });
});

describe('webhook rate limit', () => {
  it('answers 429 past the per-IP limit and stores nothing more', async () => {
    const limited = await startTestServer({ WEBHOOK_RATE_LIMIT: '3' });
    try {
      const f = await standardFixture(limited.pool);
      const a = await ApiClient.signedIn(limited.url, f.admin);
      await connectTwilio(a, '+12125550177');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await postTwilio(limited.url, '/webhooks/twilio/sms', inboundSms('+19175550188', '+12125550177', `n${i}`))).status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect((await limited.pool.query('SELECT count(*)::int AS n FROM messages')).rows[0].n).toBe(3);
    } finally {
      await limited.stop();
    }
  });
});
