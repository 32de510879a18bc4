import { randomToken, sha256 } from '../auth/tokens';
import type { Queryable } from '../db/pool';

/**
 * API keys name their location: `aix_<location uuid without dashes>_<secret>`, so a key is found
 * with an index that starts with location_id. Only sha256(key) is stored.
 */
export function newApiKey(locationId: string): { key: string; prefix: string; hash: Buffer } {
  const key = `aix_${locationId.replace(/-/g, '')}_${randomToken(32)}`;
  return { key, prefix: key.slice(0, 12) + '…' + key.slice(-4), hash: sha256(key) };
}

export async function findApiKey(db: Queryable, key: string): Promise<{ id: string; locationId: string } | null> {
  const m = /^aix_([0-9a-f]{32})_[A-Za-z0-9_-]{20,}$/.exec(key);
  if (!m) return null;
  const hex = m[1];
  const locationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const r = await db.query<{ id: string; stale: boolean }>(
    `SELECT id, last_used_at IS NULL OR last_used_at < now() - interval '1 minute' AS stale
       FROM api_keys WHERE location_id = $1 AND key_hash = $2`,
    [locationId, sha256(key)],
  );
  const row = r.rows[0];
  if (!row) return null;
  if (row.stale) await db.query('UPDATE api_keys SET last_used_at = now() WHERE location_id = $1 AND id = $2', [locationId, row.id]);
  return { id: row.id, locationId };
}
