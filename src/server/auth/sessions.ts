import type { Queryable } from '../db/pool';
import type { Role } from '../http/types';
import { randomToken, sha256 } from './tokens';

export const SESSION_COOKIE = 'aix_session';
const TOUCH_EVERY_MS = 5 * 60_000;

export interface SessionRow {
  tokenHash: Buffer;
  userId: string;
  locationId: string;
  csrfToken: string;
  role: Role | null; // null: no longer a member of that location
  /** memberships.permissions.onlyAssigned: sees only the conversations assigned to them. */
  onlyAssigned: boolean;
}

export async function createSession(
  db: Queryable,
  input: { userId: string; locationId: string; ttlDays: number; ip?: string; userAgent?: string },
): Promise<{ token: string; csrfToken: string; tokenHash: Buffer }> {
  const token = randomToken(32);
  const csrfToken = randomToken(24);
  const tokenHash = sha256(token);
  await db.query(
    `INSERT INTO sessions (token_hash, user_id, location_id, csrf_token, ip, user_agent, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))`,
    [tokenHash, input.userId, input.locationId, csrfToken, input.ip ?? null, input.userAgent?.slice(0, 300) ?? null, input.ttlDays],
  );
  return { token, csrfToken, tokenHash };
}

export type SessionLookup = { status: 'ok'; session: SessionRow } | { status: 'missing' | 'expired' };

/** Finds a live session by its cookie value; expired ones are deleted. Sliding expiry. */
export async function findSession(db: Queryable, token: string, ttlDays: number): Promise<SessionLookup> {
  const tokenHash = sha256(token);
  const r = await db.query(
    `SELECT s.user_id, s.location_id, s.csrf_token, s.expires_at < now() AS expired,
            s.last_seen_at < now() - make_interval(secs => $2) AS stale, m.role,
            coalesce((m.permissions ->> 'onlyAssigned')::boolean, false) AS only_assigned
       FROM sessions s
       LEFT JOIN memberships m ON m.location_id = s.location_id AND m.user_id = s.user_id
      WHERE s.token_hash = $1`,
    [tokenHash, TOUCH_EVERY_MS / 1000],
  );
  const row = r.rows[0];
  if (!row) return { status: 'missing' };
  if (row.expired) {
    await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    return { status: 'expired' };
  }
  if (row.stale) {
    await db.query(
      `UPDATE sessions SET last_seen_at = now(), expires_at = now() + make_interval(days => $2) WHERE token_hash = $1`,
      [tokenHash, ttlDays],
    );
  }
  return {
    status: 'ok',
    session: { tokenHash, userId: row.user_id, locationId: row.location_id, csrfToken: row.csrf_token, role: row.role, onlyAssigned: row.only_assigned },
  };
}

export async function deleteSession(db: Queryable, tokenHash: Buffer): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/** Deletes a user's sessions (all, or all but one); answers the deleted ones' hashes (hex). */
export async function deleteUserSessions(db: Queryable, userId: string, except?: Buffer): Promise<string[]> {
  const r = await db.query<{ token_hash: Buffer }>(
    'DELETE FROM sessions WHERE user_id = $1 AND ($2::bytea IS NULL OR token_hash <> $2) RETURNING token_hash',
    [userId, except ?? null],
  );
  return r.rows.map((row) => row.token_hash.toString('hex'));
}

export async function setSessionLocation(db: Queryable, tokenHash: Buffer, locationId: string): Promise<void> {
  await db.query('UPDATE sessions SET location_id = $2 WHERE token_hash = $1', [tokenHash, locationId]);
}

/** The locations a user may work in, first the one used last. */
export async function userLocations(db: Queryable, userId: string) {
  const r = await db.query<{ id: string; name: string; timezone: string; country: string; role: Role }>(
    `SELECT l.id, l.name, l.timezone, l.country, m.role
       FROM memberships m JOIN locations l ON l.id = m.location_id
      WHERE m.user_id = $1 ORDER BY l.name`,
    [userId],
  );
  return r.rows;
}
