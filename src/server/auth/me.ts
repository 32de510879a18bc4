import type { Queryable } from '../db/pool';
import { notFound } from '../http/errors';
import type { AuthContext } from '../http/types';
import type { Me } from '#shared/auth';
import { userLocations } from './sessions';

/** The `me` document: who is signed in, the current location and the ones to switch to. */
export async function loadMe(db: Queryable, auth: AuthContext): Promise<Me> {
  const loc = await db.query('SELECT id, name, timezone, country FROM locations WHERE id = $1', [auth.locationId]);
  if (!loc.rows[0]) throw notFound('Location');
  const location = loc.rows[0];
  if (!auth.userId) {
    return { user: null, location, locations: [{ ...location, role: auth.role }], csrfToken: null };
  }
  const u = await db.query(
    `SELECT u.id, u.name, u.email, u.phone, coalesce((m.permissions ->> 'onlyAssigned')::boolean, false) AS "onlyAssigned"
       FROM users u LEFT JOIN memberships m ON m.location_id = $2 AND m.user_id = u.id WHERE u.id = $1`,
    [auth.userId, auth.locationId],
  );
  return {
    user: { ...u.rows[0], role: auth.role },
    location,
    locations: await userLocations(db, auth.userId),
    csrfToken: auth.csrfToken ?? null,
  };
}
