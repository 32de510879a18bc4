import { ACCOUNT_SID, messageSid } from './twilio';
import type { ApiClient } from './client';

/** The parameters of Twilio's incoming-call webhook (and, with extras, of its callbacks). */
export const callParams = (from: string, to: string, sid = messageSid('CA'), extra: Record<string, string> = {}) => ({
  CallSid: sid,
  AccountSid: ACCOUNT_SID,
  From: from,
  To: to,
  Caller: from,
  Called: to,
  CallStatus: 'ringing',
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
  ...extra,
});

/** An attribute of the first <tag> in a TwiML document, XML entities decoded. */
export function twimlAttr(twiml: string, tag: string, attr: string): string {
  const el = new RegExp(`<${tag}\\b[^>]*>`).exec(twiml)?.[0];
  const value = el && new RegExp(`\\s${attr}="([^"]*)"`).exec(el)?.[1];
  if (value === undefined || value === null) throw new Error(`no ${tag}@${attr} in ${twiml}`);
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The path (with query) of a callback URL the app gave Twilio, for postTwilio. */
export const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The conversation of a phone number, and its TYPE_CALL items (newest first). */
export async function callsOf(api: ApiClient, phoneDigits: string) {
  const conv = (await api.get(`/api/v1/conversations?q=${phoneDigits}`)).body.items[0];
  if (!conv) return { conv: undefined, calls: [] as any[] };
  const items = (await api.get(`/api/v1/conversations/${conv.id}/messages`)).body.items as any[];
  return { conv, calls: items.filter((m) => m.messageType === 'TYPE_CALL') };
}

/** The bytes behind an authenticated URL of the API. */
export async function bytesOf(api: ApiClient, path: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(api.baseUrl + path, { headers: api.cookie ? { cookie: api.cookie } : {} });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}
