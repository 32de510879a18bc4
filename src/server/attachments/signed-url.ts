/**
 * Public, expiring links to one attachment, for providers that fetch media themselves (Twilio's
 * MediaUrl). HMAC-SHA256 over location, id and expiry with a key derived from the secrets key.
 */
import crypto from 'node:crypto';

export function signMediaUrl(publicUrl: string, key: Buffer, locationId: string, attachmentId: string, ttlSeconds = 24 * 3600): string {
  const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
  return `${publicUrl}/media/${locationId}/${attachmentId}?exp=${exp}&sig=${mediaSignature(key, locationId, attachmentId, exp)}`;
}

export function mediaSignature(key: Buffer, locationId: string, attachmentId: string, exp: number): string {
  return crypto.createHmac('sha256', key).update(`media:${locationId}:${attachmentId}:${exp}`).digest('base64url');
}

export function verifyMediaSignature(key: Buffer, locationId: string, attachmentId: string, exp: number, sig: string): boolean {
  if (!Number.isFinite(exp) || exp < Date.now() / 1000) return false;
  const expected = Buffer.from(mediaSignature(key, locationId, attachmentId, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}
