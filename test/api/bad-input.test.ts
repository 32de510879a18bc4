/**
 * Bad input never answers 500: a NUL character (U+0000) in any text — JSON field or key, query,
 * form field, path — is 400 validation_failed naming the field, and nothing is stored; a Twilio
 * webhook with a body that is not a form is 415.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { newContact } from '../helpers/data';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { AUTH_TOKEN, connectTwilio, inboundSms, postTwilio } from '../helpers/twilio';
import { twilioSignature } from '../../src/server/channels/twilio/signature';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const PRACTICE = '+12125550177';
const NUL = '\u0000';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let conversationId: string;
let contactId: string;

const counts = async () =>
  (
    await server.pool.query(
      `SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM contacts)::int AS contacts,
              (SELECT count(*) FROM webchat_visitors)::int AS visitors, (SELECT count(*) FROM events)::int AS events`,
    )
  ).rows[0];

function expectNulRefused(res: { status: number; body: any }, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe('validation_failed');
  expect(res.body.error.message).toBe(`${field}: must not contain NUL characters (\\u0000)`);
  expect(res.body.error.details.fields).toEqual([{ field, message: 'must not contain NUL characters (\\u0000)' }]);
}

beforeAll(async () => {
  server = await startTestServer();
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  await connectTwilio(admin, PRACTICE);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
  const c = await newContact(admin);
  contactId = c.id;
  conversationId = (await admin.post('/api/v1/conversations', { contactId })).body.id;
});
afterAll(() => server.stop());

describe('a NUL character', () => {
  it('in the team API: contacts, comments, search, lists — 400 naming the field, nothing stored', async () => {
    const before = await counts();
    expectNulRefused(await admin.post('/api/v1/contacts', { firstName: `Eve${NUL}`, phone: '+12125550166' }), 'body.firstName');
    expectNulRefused(await admin.patch(`/api/v1/contacts/${contactId}`, { tags: ['ok', `bad${NUL}`] }), 'body.tags.1');
    expectNulRefused(await admin.post(`/api/v1/conversations/${conversationId}/comments`, { body: `a note${NUL}` }), 'body.body');
    expectNulRefused(await admin.post(`/api/v1/conversations/${conversationId}/messages`, { type: 'SMS', body: `hi${NUL}` }), 'body.body');
    expectNulRefused(await admin.get(`/api/v1/search?q=${encodeURIComponent(`ev${NUL}e`)}`), 'querystring.q');
    expectNulRefused(await admin.get(`/api/v1/conversations?q=${encodeURIComponent(NUL)}`), 'querystring.q');
    expectNulRefused(await admin.get(`/api/v1/contacts/${encodeURIComponent(`x${NUL}`)}`), 'params.id');
    // A key of a JSON object is text too.
    const key = await admin.request('PATCH', `/api/v1/contacts/${contactId}`, { [`first${NUL}Name`]: 'x' });
    expect(key.status).toBe(400);
    expect(key.body.error.message).toMatch(/^body\.first\\u0000Name: must not contain NUL/);
    expectNulRefused(await new ApiClient(server.url).post('/api/v1/auth/login', { email: `a${NUL}@b.c`, password: 'x' }), 'body.email');
    expect(await counts()).toEqual(before);
    expect((await admin.get(`/api/v1/contacts/${contactId}`)).body.tags).toEqual([]);
  });

  it('in the widget: messages and profile', async () => {
    const v = new WidgetVisitor(server.url, fx.locationId, SITE);
    expect((await v.start()).status).toBe(201);
    expect((await v.say('first')).status).toBe(201);
    const before = await counts();
    expectNulRefused(await v.say(`hello${NUL}world`), 'body.body');
    expectNulRefused(await v.profile({ name: `Mallory${NUL}` }), 'body.name');
    expectNulRefused(await v.request('POST', '/messages', { body: 'x', clientId: NUL }), 'body.clientId');
    expect(await counts()).toEqual(before);
  });

  it('in a Twilio SMS (signed): 400, no contact, no message', async () => {
    const before = await counts();
    const res = await postTwilio(server.url, '/webhooks/twilio/sms', inboundSms('+19175550101', PRACTICE, `null${NUL}byte`));
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).error).toMatchObject({ code: 'validation_failed', message: 'body.Body: must not contain NUL characters (\\u0000)' });
    expect(await counts()).toEqual(before);
  });
});

describe('Twilio webhooks take form bodies only', () => {
  it('JSON, text or no body answer 415 (never 500), storing nothing', async () => {
    const before = await counts();
    const params = inboundSms('+19175550102', PRACTICE, 'json?');
    const signature = twilioSignature(AUTH_TOKEN, server.url + '/webhooks/twilio/sms', params);
    for (const [type, body] of [
      ['application/json', JSON.stringify(params)],
      ['application/json', JSON.stringify({ ...params, To: 123, From: { a: 1 } })],
      ['application/json', '[1,2,3]'],
      ['application/json', 'null'],
      ['text/plain', 'From=+19175550102'],
      ['multipart/form-data; boundary=x', '--x--'],
      [undefined, undefined],
    ] as const) {
      for (const path of ['/webhooks/twilio/sms', '/webhooks/twilio/sms-status', '/webhooks/twilio/voice', '/webhooks/twilio/recording']) {
        const headers: Record<string, string> = { 'x-twilio-signature': signature };
        if (type) headers['content-type'] = type;
        const res = await fetch(server.url + path, { method: 'POST', headers, body });
        expect(res.status, `${path} ${type}`).toBe(415);
        expect((await res.json()).error.code).toBe('unsupported_media_type');
      }
    }
    expect(await counts()).toEqual(before);
  });
});
