import { hashPassword } from '../../src/server/auth/password';
import type { Queryable } from '../../src/server/db/pool';

export interface Fixture {
  locationId: string;
  otherLocationId: string;
  admin: { id: string; email: string; password: string };
  staff: { id: string; email: string; password: string };
  /** Admin of the other location only. */
  stranger: { id: string; email: string; password: string };
}

let hashed: Promise<string> | undefined;
const PASSWORD = 'correct horse battery';

export async function createLocation(db: Queryable, name: string, country = 'US', timezone = 'America/New_York'): Promise<string> {
  const r = await db.query('INSERT INTO locations (name, country, timezone) VALUES ($1, $2, $3) RETURNING id', [name, country, timezone]);
  return r.rows[0].id;
}

export async function createUser(db: Queryable, email: string, name: string, memberships: [string, 'admin' | 'user'][]) {
  hashed ??= hashPassword(PASSWORD);
  const r = await db.query('INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) RETURNING id', [email, name, await hashed]);
  for (const [locationId, role] of memberships) {
    await db.query('INSERT INTO memberships (location_id, user_id, role) VALUES ($1, $2, $3)', [locationId, r.rows[0].id, role]);
  }
  return { id: r.rows[0].id as string, email, password: PASSWORD };
}

/** Two locations (US and GB), an admin and a staff member of the first, an admin of the second. */
export async function standardFixture(db: Queryable, tag = Math.random().toString(36).slice(2, 8)): Promise<Fixture> {
  const locationId = await createLocation(db, `Glow ${tag}`, 'US', 'America/New_York');
  const otherLocationId = await createLocation(db, `Radiance ${tag}`, 'GB', 'Europe/London');
  return {
    locationId,
    otherLocationId,
    admin: await createUser(db, `admin-${tag}@test.local`, 'Ada Admin', [[locationId, 'admin']]),
    staff: await createUser(db, `staff-${tag}@test.local`, 'Sam Staff', [[locationId, 'user']]),
    stranger: await createUser(db, `other-${tag}@test.local`, 'Olga Other', [[otherLocationId, 'admin']]),
  };
}
