import type { Queryable } from '../db/pool';
import type { RealtimeHub } from '../realtime/hub';

/**
 * Revokes (deletes) the API keys a member made in a location: done when they lose admin or leave
 * it, so a key cannot outlive its maker's right to make it. Revoked rather than flagged: a flagged
 * key would keep working until someone acted on the flag. Call closeKeySockets after commit.
 */
export async function revokeKeysOf(db: Queryable, locationId: string, userId: string): Promise<string[]> {
  const r = await db.query<{ id: string }>('DELETE FROM api_keys WHERE location_id = $1 AND created_by = $2 RETURNING id', [locationId, userId]);
  return r.rows.map((k) => k.id);
}

export async function closeKeySockets(hub: RealtimeHub, keyIds: string[]): Promise<void> {
  for (const id of keyIds) await hub.revokeApiKey(id);
}
