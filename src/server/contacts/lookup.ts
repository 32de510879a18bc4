/**
 * Finding a contact by one of its phone numbers. The main phone is answered by the unique index
 * (location_id, phone); an additional phone by the GIN index (location_id, additional_phones), which
 * serves `@>` but not `= ANY(…)` — and an OR of the two would read the whole location's contacts.
 */
import type { Queryable } from '../db/pool';

/**
 * The SQL of the contact (columns as given) whose main or an additional phone is the phone, the
 * main match first. Location and phone are SQL expressions: parameters ($1, $2) by default, or
 * columns of an outer row (a LATERAL lookup per row of a batch).
 */
export function byPhoneSql(columns: string, opts: { except?: string; location?: string; phone?: string } = {}): string {
  const { location = '$1', phone = '$2' } = opts;
  const except = opts.except ? ` AND id IS DISTINCT FROM ${opts.except}::uuid` : '';
  return `(SELECT ${columns} FROM contacts WHERE location_id = ${location} AND phone = ${phone}${except})
          UNION ALL
          (SELECT ${columns} FROM contacts WHERE location_id = ${location} AND additional_phones @> ARRAY[${phone}::text]${except})
          LIMIT 1`;
}

export async function findByPhone<R extends Record<string, unknown>>(db: Queryable, locationId: string, phone: string, columns: string): Promise<R | null> {
  const r = await db.query(byPhoneSql(columns), [locationId, phone]);
  return (r.rows[0] as R) ?? null;
}
