/**
 * Twilio's request signature (X-Twilio-Signature), written from the algorithm in
 * shared/reference/providers.md: the full URL exactly as configured, then every POST parameter
 * sorted by name as `name + value` (a repeated name contributes each distinct value, sorted),
 * HMAC-SHA1 keyed with the account's Auth Token, base64.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export type SignParams =
  | URLSearchParams
  | ReadonlyArray<readonly [string, string]>
  | Readonly<Record<string, string | readonly string[] | undefined>>;

function collect(params: SignParams): Map<string, string[]> {
  const map = new Map<string, string[]>();
  const add = (k: string, v: string) => {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  };
  if (params instanceof URLSearchParams || Array.isArray(params)) {
    for (const [k, v] of params as Iterable<[string, string]>) add(k, v);
  } else {
    for (const [k, v] of Object.entries(params as Record<string, string | readonly string[] | undefined>)) {
      if (v === undefined) continue;
      if (typeof v === 'string') add(k, v);
      else for (const one of v) add(k, one);
    }
  }
  return map;
}

/** The string Twilio feeds to HMAC-SHA1. */
export function stringToSign(url: string, params: SignParams = {}): string {
  const map = collect(params);
  let data = url;
  for (const key of [...map.keys()].sort()) {
    for (const value of [...new Set(map.get(key))].sort()) data += key + value;
  }
  return data;
}

export function twilioSignature(authToken: string, url: string, params: SignParams = {}): string {
  return createHmac('sha1', authToken).update(stringToSign(url, params), 'utf8').digest('base64');
}

/** For JSON bodies Twilio appends `bodySHA256=<hex>` to the URL and signs the URL alone. */
export function bodySha256(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The URL with and without the scheme's default port (`:443` / `:80`); Twilio may have signed
 * either, so a receiver tries both. The rest of the string is kept byte for byte.
 */
export function urlPortVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, authority, rest] = m;
  const port = scheme.toLowerCase() === 'https' ? '443' : '80';
  const explicit = /:(\d+)$/.exec(authority);
  if (explicit) {
    if (explicit[1] !== port) return [url];
    return [url, `${scheme}://${authority.slice(0, -explicit[0].length)}${rest}`];
  }
  return [url, `${scheme}://${authority}:${port}${rest}`];
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Receiver side (used by the tests' fake app): constant-time, default port optional. */
export function validateTwilioSignature(
  authToken: string,
  url: string,
  params: SignParams,
  signature: string | undefined,
): boolean {
  if (!signature) return false;
  return urlPortVariants(url).some((u) => sameText(twilioSignature(authToken, u, params), signature));
}
