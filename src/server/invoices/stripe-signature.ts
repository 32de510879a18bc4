/**
 * Stripe webhook signatures: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=…]`, where v1 is
 * HMAC-SHA256 keyed with the whole endpoint secret (whsec_… included) over `<t>.<raw body>`.
 * Any matching v1 is accepted (secret rotation sends several); a timestamp more than 300 s from
 * now, either way, is refused (replays).
 */
import crypto from 'node:crypto';

export const STRIPE_TOLERANCE_SECONDS = 300;

export function stripeSignature(secret: string, timestamp: number | string, payload: string): string {
  return crypto.createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');
}

/** The header Stripe would send for this payload (tests, the simulator). */
export const stripeSignatureHeader = (secret: string, payload: string, timestamp = Math.floor(Date.now() / 1000)) =>
  `t=${timestamp},v1=${stripeSignature(secret, timestamp, payload)}`;

export type StripeVerdict = { ok: true; timestamp: number } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifyStripeSignature(
  header: string | undefined,
  payload: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
  tolerance = STRIPE_TOLERANCE_SECONDS,
): StripeVerdict {
  if (!header) return { ok: false, reason: 'missing' };
  let t: string | undefined;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1') v1.push(value);
  }
  if (!t || !/^\d{1,12}$/.test(t) || v1.length === 0) return { ok: false, reason: 'malformed' };
  const timestamp = Number(t);
  if (Math.abs(nowSeconds - timestamp) > tolerance) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(stripeSignature(secret, t, payload), 'hex');
  const match = v1.some((sig) => {
    if (!/^[0-9a-f]{64}$/i.test(sig)) return false;
    return crypto.timingSafeEqual(expected, Buffer.from(sig, 'hex'));
  });
  return match ? { ok: true, timestamp } : { ok: false, reason: 'mismatch' };
}
