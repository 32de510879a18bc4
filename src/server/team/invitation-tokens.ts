/**
 * One-time link tokens that name their location, like API keys: `<location uuid hex>_<secret>`, so
 * a link is looked up with an index that starts with location_id. Only sha256(token) is stored.
 */
import { randomToken, sha256 } from '../auth/tokens';

export function newInvitationToken(locationId: string): { token: string; hash: Buffer } {
  const token = `${locationId.replace(/-/g, '')}_${randomToken(32)}`;
  return { token, hash: sha256(token) };
}

/** The location a token names and its hash; null when it cannot be one of ours. */
export function parseInvitationToken(token: string): { locationId: string; hash: Buffer } | null {
  const m = /^([0-9a-f]{32})_[A-Za-z0-9_-]{40,60}$/.exec(token);
  if (!m) return null;
  const h = m[1];
  return { locationId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`, hash: sha256(token) };
}
