import type { Queryable } from '../db/pool';

/**
 * Merges the fields given (undefined ones skipped) into users.preferences — or into one object
 * under it — in one statement, so concurrent changes to other keys are kept.
 */
export async function mergePreferences(db: Queryable, userId: string, fields: Record<string, unknown>, under?: string): Promise<void> {
  const change = JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)));
  if (under) {
    await db.query(
      `UPDATE users SET preferences = jsonb_set(preferences, ARRAY[$3::text], coalesce(preferences -> $3, '{}'::jsonb) || $2::jsonb),
              updated_at = now() WHERE id = $1`,
      [userId, change, under],
    );
  } else {
    await db.query('UPDATE users SET preferences = preferences || $2::jsonb, updated_at = now() WHERE id = $1', [userId, change]);
  }
}
