/**
 * Twilio request signatures (X-Twilio-Signature), as providers.md describes them: the full public
 * URL, then every POST parameter sorted by name, appended as name+value (each distinct value of a
 * repeated parameter, sorted); HMAC-SHA1 with the auth token; base64; compared in constant time.
 */
import crypto from 'node:crypto';

export type FormParams = Record<string, string | string[] | undefined>;

export function twilioSignature(authToken: string, url: string, params: FormParams = {}): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const value = params[name];
    const values = Array.isArray(value) ? [...new Set(value)].sort() : value === undefined ? [] : [value];
    for (const v of values) data += name + v;
  }
  return crypto.createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

/** The URL with and without its default port: Twilio may sign either form. */
export function urlVariants(url: string): string[] {
  const u = new URL(url);
  const defaultPort = u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
  if (!defaultPort) return [url];
  const withPort = url.replace(/^(\w+:\/\/[^/:]+)(?=\/|\?|$)/, `$1:${defaultPort}`);
  const withoutPort = url.replace(new RegExp(`^(\\w+://[^/:]+):${defaultPort}(?=/|\\?|$)`), '$1');
  return [...new Set([url, withPort, withoutPort])];
}

const equal = (a: string, b: string) => {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
};

/** True when the signature matches the URL (either port form) and the params. */
export function verifyTwilioSignature(authToken: string, url: string, params: FormParams, signature: string): boolean {
  let ok = false;
  for (const u of urlVariants(url)) ok = equal(twilioSignature(authToken, u, params), signature) || ok;
  return ok;
}

/**
 * JSON bodies: Twilio signs the URL alone (it carries bodySHA256) and the receiver checks that the
 * body's sha256 matches it.
 */
export function verifyTwilioJsonSignature(authToken: string, url: string, rawBody: string, signature: string): boolean {
  const hash = new URL(url).searchParams.get('bodySHA256');
  if (!hash) return false;
  const actual = crypto.createHash('sha256').update(rawBody, 'utf8').digest('hex');
  return equal(actual, hash) && verifyTwilioSignature(authToken, url, {}, signature);
}
