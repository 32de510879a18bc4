import { describe, expect, it } from 'vitest';
import { stripeSignature, stripeSignatureHeader, verifyStripeSignature } from '../../src/server/invoices/stripe-signature';

// The vector of ../shared/reference/providers.md (Stripe's own test case).
const SECRET = 'whsec_test_secret';
const T = 1492774577;
const BODY = '{\n  "id": "evt_test_webhook",\n  "object": "event"\n}';
const V1 = 'c2f890decbc5ede7c5060bb9a6d31e0626a4342bacb9aeae2adb1bcea72f9812';

describe('Stripe webhook signature', () => {
  it('matches the reference vector (HMAC-SHA256 over `t.body` with the whole whsec_ secret)', () => {
    expect(stripeSignature(SECRET, T, BODY)).toBe(V1);
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY, SECRET, T)).toEqual({ ok: true, timestamp: T });
  });

  it('accepts any matching v1 among several (secret rotation) and ignores other schemes', () => {
    const other = '0'.repeat(64);
    expect(verifyStripeSignature(`t=${T},v1=${other},v0=abc,v1=${V1}`, BODY, SECRET, T).ok).toBe(true);
  });

  it('refuses a changed body, another secret, or a secret without its whsec_ prefix', () => {
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY + ' ', SECRET, T)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY, 'whsec_other', T)).toEqual({ ok: false, reason: 'mismatch' });
    expect(stripeSignature('test_secret', T, BODY)).not.toBe(V1);
  });

  it('refuses a timestamp more than 300 s away, either way, and accepts one at the edge', () => {
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY, SECRET, T + 300).ok).toBe(true);
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY, SECRET, T + 301)).toEqual({ ok: false, reason: 'stale' });
    expect(verifyStripeSignature(`t=${T},v1=${V1}`, BODY, SECRET, T - 301)).toEqual({ ok: false, reason: 'stale' });
  });

  it('tells a missing header from a malformed one', () => {
    expect(verifyStripeSignature(undefined, BODY, SECRET, T)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyStripeSignature('', BODY, SECRET, T)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyStripeSignature(`v1=${V1}`, BODY, SECRET, T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStripeSignature(`t=${T}`, BODY, SECRET, T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStripeSignature(`t=soon,v1=${V1}`, BODY, SECRET, T)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyStripeSignature(`t=${T},v1=zz`, BODY, SECRET, T)).toEqual({ ok: false, reason: 'mismatch' });
  });

  it('builds the header Stripe would send', () => {
    expect(stripeSignatureHeader(SECRET, BODY, T)).toBe(`t=${T},v1=${V1}`);
  });
});
