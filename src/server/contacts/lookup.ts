/**
 * Finding a contact by one of its phone numbers. The main phone is answered by the unique index
 * (location_id, phone); an additional phone by the GIN index (location_id, additional_phones), which
 * serves `@>` but not `= ANY(…)` — and an OR of the two would read the whole location's contacts.
 */
import type { Queryable } from '../db/pool';

/** The SQL of contacts (columns as given) whose main or an additional phone is $2, the main match first. */
export function byPhoneSql(columns: string, exceptParam?: string): string {
  const except = exceptParam ? ` AND id IS DISTINCT FROM ${exceptParam}::uuid` : '';
  return `(SELECT ${columns} FROM contacts WHERE location_id = $1 AND phone = $2${except})
          UNION ALL
          (SELECT ${columns} FROM contacts WHERE location_id = $1 AND additional_phones @> ARRAY[$2::text]${except})
          LIMIT 1`;
}

export async function findByPhone<R extends Record<string, unknown>>(db: Queryable, locationId: string, phone: string, columns: string): Promise<R | null> {
  const r = await db.query(byPhoneSql(columns), [locationId, phone]);
  return (r.rows[0] as R) ?? null;
}
