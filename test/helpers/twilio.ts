import { ApiClient } from './client';
import { twilioSignature } from '../../src/server/channels/twilio/signature';

export const ACCOUNT_SID = 'AC' + 'a1'.repeat(16);
export const AUTH_TOKEN = 'test-auth-token-0123456789';

let n = 0;
export const messageSid = (prefix = 'SM') => prefix + (Date.now().toString(16) + (n++).toString(16) + Math.random().toString(16).slice(2)).padEnd(32, '0').slice(0, 32);

/** Connects a Twilio number to the admin's location over the API. */
export async function connectTwilio(admin: ApiClient, phoneNumber: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/v1/channels', { type: 'twilio', phoneNumber, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ...extra });
  if (res.status !== 201) throw new Error(`connect: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Posts a form webhook as Twilio would, signed for the server's public URL (or not, or wrongly). */
export async function postTwilio(
  baseUrl: string,
  path: string,
  params: Record<string, string>,
  sign: 'valid' | 'none' | 'forged' = 'valid',
  publicUrl = baseUrl,
) {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (sign === 'valid') headers['x-twilio-signature'] = twilioSignature(AUTH_TOKEN, publicUrl + path, params);
  if (sign === 'forged') headers['x-twilio-signature'] = twilioSignature('not-the-token', publicUrl + path, params);
  const res = await fetch(baseUrl + path, { method: 'POST', headers, body: new URLSearchParams(params) });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

export const inboundSms = (from: string, to: string, body: string, sid = messageSid()) => ({
  MessageSid: sid,
  SmsSid: sid,
  SmsMessageSid: sid,
  AccountSid: ACCOUNT_SID,
  From: from,
  To: to,
  Body: body,
  NumMedia: '0',
  NumSegments: '1',
  SmsStatus: 'received',
  ApiVersion: '2010-04-01',
  FromCountry: 'US',
  ToCountry: 'US',
});
