import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PNG } from '../simulator/fake-app';
import { ACCOUNT, CLIENT, startHarness, type Harness } from '../simulator/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  h.app.on('/media/pic.png', { type: 'image/png', body: PNG });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.control('/_sim/reset', {});
  h.app.received.length = 0;
});

const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
const send = (form: Record<string, string | string[]>, auth?: string | null) => h.api('Messages.json', form, auth);

describe('Messages API: authentication and validation', () => {
  it('answers 401 with Twilio’s body without, or with wrong, credentials', async () => {
    const expected = { code: 20003, message: 'Authenticate', more_info: 'https://www.twilio.com/docs/errors/20003', status: 401 };
    for (const auth of [null, h.basic(ACCOUNT.sid, 'wrong'), h.basic('AC22222222222222222222222222222222', 'secret-token-2')]) {
      const res = await send({ To: CLIENT, From: ACCOUNT.numbers[0], Body: 'x' }, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual(expected);
    }
  });

  it('refuses bad requests with Twilio’s codes and messages', async () => {
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ To: '555-1234', From: ACCOUNT.numbers[0], Body: 'x' }, 21211, "The 'To' number 555-1234 is not a valid phone number."],
      [{ To: CLIENT, From: '+15559999999', Body: 'x' }, 21606, 'The From phone number +15559999999 is not a valid, SMS-capable inbound phone number or short code for your account.'],
      [{ To: CLIENT, From: ACCOUNT.numbers[0] }, 21602, 'Message body is required.'],
      [{ To: CLIENT, MessagingServiceSid: 'MG123', Body: 'x' }, 21703, expect.any(String) as unknown as string],
    ];
    for (const [form, code, message] of cases) {
      const res = await send(form);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 });
    }
  });
});

describe('Messages API: sending', () => {
  it('answers 201 with Twilio’s shape, then signed callbacks sent → delivered', async () => {
    const callback = `${h.app.url}/status?message=1`;
    const res = await send({ To: CLIENT, From: ACCOUNT.numbers[0], Body: 'Your appointment is confirmed', StatusCallback: callback });
    expect(res.status).toBe(201);
    const m = await res.json();
    expect(m).toMatchObject({
      account_sid: ACCOUNT.sid, from: ACCOUNT.numbers[0], to: CLIENT, body: 'Your appointment is confirmed',
      status: 'queued', num_segments: '1', num_media: '0', direction: 'outbound-api', date_sent: null,
      error_code: null, error_message: null, price: null, price_unit: 'USD', api_version: '2010-04-01', messaging_service_sid: null,
    });
    expect(m.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(m.date_created).toMatch(RFC2822);
    expect(m.date_updated).toMatch(RFC2822);
    expect(m.uri).toBe(`/2010-04-01/Accounts/${ACCOUNT.sid}/Messages/${m.sid}.json`);
    expect(m.subresource_uris.media).toBe(`/2010-04-01/Accounts/${ACCOUNT.sid}/Messages/${m.sid}/Media.json`);

    await h.app.waitFor(() => h.app.of('/status').length === 2);
    const [sent, delivered] = h.app.of('/status');
    for (const cb of [sent, delivered]) {
      expect(cb.url).toBe(callback);
      expect(cb.signatureValid).toBe(true);
      expect(cb.headers['content-type']).toBe('application/x-www-form-urlencoded');
    }
    expect(sent.params).toEqual({
      SmsSid: m.sid, SmsStatus: 'sent', MessageStatus: 'sent', To: CLIENT, MessageSid: m.sid,
      AccountSid: ACCOUNT.sid, From: ACCOUNT.numbers[0], ApiVersion: '2010-04-01',
    });
    expect(delivered.params.MessageStatus).toBe('delivered');
    expect(delivered.params.ErrorCode).toBeUndefined();

    const fetched = await fetch(`${h.sim.url}${m.uri}`, { headers: { authorization: h.basic() } });
    expect((await fetched.json()).status).toBe('delivered');
    expect(res.headers.get('twilio-request-id')).toMatch(/^RQ[0-9a-f]{32}$/);

    // The control API also takes the number unencoded (`+` arrives as a space).
    const listed = await (await h.control(`/_sim/messages?number=${CLIENT}`)).json();
    expect(listed.map((x: { sid: string; status: string }) => [x.sid, x.status])).toEqual([[m.sid, 'delivered']]);
  });

  it('fails magic recipients: 0003 undelivered 30003, 0006 failed 30006', async () => {
    await send({ To: '+15557770003', From: ACCOUNT.numbers[0], Body: 'a', StatusCallback: `${h.app.url}/s3` });
    await send({ To: '+15557770006', From: ACCOUNT.numbers[0], Body: 'b', StatusCallback: `${h.app.url}/s6` });
    await h.app.waitFor(() => h.app.of('/s3').length === 2 && h.app.of('/s6').length === 1);
    expect(h.app.of('/s3').map((r) => [r.params.MessageStatus, r.params.ErrorCode])).toEqual([['sent', undefined], ['undelivered', '30003']]);
    expect(h.app.of('/s6').map((r) => [r.params.MessageStatus, r.params.ErrorCode])).toEqual([['failed', '30006']]);
    expect(h.app.of('/s6')[0].signatureValid).toBe(true);
  });

  it('fetches MediaUrl from the app and keeps the picture', async () => {
    const res = await send({ To: CLIENT, From: ACCOUNT.numbers[0], MediaUrl: `${h.app.url}/media/pic.png`, StatusCallback: `${h.app.url}/s` });
    const m = await res.json();
    expect(m.sid).toMatch(/^MM/);
    expect(m.num_media).toBe('1');
    await h.app.waitFor(() => h.app.of('/s').length === 2);
    const [view] = await (await h.control(`/_sim/messages?number=${encodeURIComponent(CLIENT)}`)).json();
    expect(view.media).toHaveLength(1);
    expect(view.media[0].contentType).toBe('image/png');
    const bytes = Buffer.from(await (await h.control(view.media[0].url)).arrayBuffer());
    expect(bytes.equals(PNG)).toBe(true);
  });
});

describe('faults on demand', () => {
  it('answers the next calls on a path with the injected status, then recovers', async () => {
    await h.control('/_sim/faults', { status: 503, count: 2, path: 'Messages' });
    const form = { To: CLIENT, From: ACCOUNT.numbers[0], Body: 'x' };
    for (let i = 0; i < 2; i++) {
      const res = await send(form);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ code: 20503, message: 'Service Unavailable', more_info: 'https://www.twilio.com/docs/errors/20503', status: 503 });
    }
    expect((await send(form)).status).toBe(201);

    await h.control('/_sim/faults', { status: 429, count: 1, path: 'Calls' });
    expect((await send(form)).status).toBe(201);
    await h.control('/_sim/faults', undefined, 'DELETE');
    expect((await h.api('Calls.json', { To: CLIENT, From: ACCOUNT.numbers[0], Twiml: '<Response/>' })).status).toBe(201);
  });

  it('drops the connection without an answer', async () => {
    await h.control('/_sim/network-drop', { count: 1 });
    await expect(send({ To: CLIENT, From: ACCOUNT.numbers[0], Body: 'x' })).rejects.toThrow();
    expect((await send({ To: CLIENT, From: ACCOUNT.numbers[0], Body: 'x' })).status).toBe(201);
  });
});
