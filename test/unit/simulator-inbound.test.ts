import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from '../simulator/fake-app';
import { ACCOUNT, CLIENT, startHarness, type Harness } from '../simulator/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('/_sim/reset', {});
  h.app.received.length = 0;
  h.app.on('/webhooks/twilio/sms', { body: '<Response/>' });
});

const PRACTICE = ACCOUNT.numbers[0];
const text = (body: string, extra: Record<string, unknown> = {}) =>
  h.control('/_sim/sms', { from: CLIENT, to: PRACTICE, body, ...extra }).then((r) => r.json());

describe('inbound SMS/MMS webhook', () => {
  it('POSTs every field Twilio sends, signed, and serves the media with basic auth', async () => {
    const answer = await text('Here is my rash', { media: [{ contentType: 'image/png', base64: PNG.toString('base64') }] });
    expect(answer.messageSid).toMatch(/^MM[0-9a-f]{32}$/);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe('<Response/>');

    const [hook] = h.app.of('/webhooks/twilio/sms');
    expect(hook.url).toBe(`${h.app.url}/webhooks/twilio/sms`);
    expect(hook.signatureValid).toBe(true);
    expect(hook.headers['i-twilio-idempotency-token']).toBeTruthy();
    const p = hook.params;
    expect(p).toMatchObject({
      MessageSid: answer.messageSid, SmsSid: answer.messageSid, SmsMessageSid: answer.messageSid,
      AccountSid: ACCOUNT.sid, From: CLIENT, To: PRACTICE, Body: 'Here is my rash',
      NumMedia: '1', NumSegments: '1', MediaContentType0: 'image/png', SmsStatus: 'received', ApiVersion: '2010-04-01',
      FromCity: 'SAN FRANCISCO', FromState: 'CA', FromZip: '94105', FromCountry: 'US', ToCountry: 'US', ToCity: '',
    });
    expect(p).not.toHaveProperty('MessagingServiceSid');
    expect(p).not.toHaveProperty('OptOutType');
    expect(p.MediaUrl0).toMatch(new RegExp(`^${h.sim.url}/2010-04-01/Accounts/${ACCOUNT.sid}/Messages/${answer.messageSid}/Media/ME[0-9a-f]{32}$`));

    expect((await fetch(p.MediaUrl0)).status).toBe(401);
    const media = await fetch(p.MediaUrl0, { headers: { authorization: h.basic() } });
    expect(media.status).toBe(200);
    expect(media.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await media.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('reports the app’s answer, retries with the same MessageSid, and delivers concurrently', async () => {
    h.app.on('/webhooks/twilio/sms', { status: 500, body: 'boom' });
    const failed = await text('hello');
    expect(failed).toMatchObject({ status: 500, body: 'boom' });
    expect(failed.messageSid).toMatch(/^SM/);

    h.app.on('/webhooks/twilio/sms', { body: '<Response/>' });
    h.app.received.length = 0;
    const retried = await text('again', { retry: 2 });
    const hooks = h.app.of('/webhooks/twilio/sms');
    expect(hooks).toHaveLength(3);
    expect(new Set(hooks.map((r) => r.params.MessageSid))).toEqual(new Set([retried.messageSid]));
    expect(new Set(hooks.map((r) => r.headers['i-twilio-idempotency-token'])).size).toBe(1);
    expect(hooks.every((r) => r.signatureValid)).toBe(true);

    h.app.received.length = 0;
    const burst = await text('at once', { concurrent: 4 });
    expect(burst.deliveries).toHaveLength(4);
    expect(h.app.of('/webhooks/twilio/sms').map((r) => r.params.MessageSid)).toEqual(Array(4).fill(burst.messageSid));
  });

  it('sends <Message> replies from the app’s TwiML back to the client', async () => {
    h.app.on('/webhooks/twilio/sms', { body: '<Response><Message>Thanks, we will call you back.</Message></Response>' });
    await text('Can I book Friday?');
    const messages = await (await h.control(`/_sim/messages?number=${encodeURIComponent(CLIENT)}`)).json();
    expect(messages.map((m: { direction: string; body: string }) => [m.direction, m.body])).toEqual([
      ['inbound', 'Can I book Friday?'],
      ['outbound-reply', 'Thanks, we will call you back.'],
    ]);
  });
});

describe('opt-out (Advanced Opt-Out)', () => {
  it('STOP opts the pair out (21610), START opts back in; both reach the webhook', async () => {
    const form = { To: CLIENT, From: PRACTICE, Body: 'Reminder' };
    expect((await h.api('Messages.json', form)).status).toBe(201);

    await text(' stop ');
    expect(h.app.of('/webhooks/twilio/sms').at(-1)!.params.OptOutType).toBe('STOP');
    const refused = await h.api('Messages.json', form);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      code: 21610, message: 'Attempt to send to unsubscribed recipient', more_info: 'https://www.twilio.com/docs/errors/21610', status: 400,
    });
    // Only that practice number is blocked.
    expect((await h.api('Messages.json', { ...form, From: ACCOUNT.numbers[1] })).status).toBe(201);
    // Not a keyword: a sentence containing STOP.
    await text('please stop by tomorrow');
    expect(h.app.of('/webhooks/twilio/sms').at(-1)!.params.OptOutType).toBeUndefined();

    await text('Unstop');
    expect(h.app.of('/webhooks/twilio/sms').at(-1)!.params.OptOutType).toBe('START');
    expect((await h.api('Messages.json', form)).status).toBe(201);

    const messages = await (await h.control(`/_sim/messages?number=${encodeURIComponent(CLIENT)}`)).json();
    const auto = messages.filter((m: { direction: string }) => m.direction === 'outbound-reply');
    expect(auto.map((m: { body: string }) => m.body.slice(0, 35))).toEqual([
      'You have successfully been unsubscr',
      'You have successfully been re-subsc',
    ]);
  });

  it('refuses control requests that name no practice number', async () => {
    const res = await h.control('/_sim/sms', { from: CLIENT, to: '+15550000000', body: 'x' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/not a number of any simulated account/);
  });
});
