/**
 * Password reset links: a random token, only its sha256 stored, valid for an hour, used once.
 * Issuing one voids the user's earlier unused ones; using it sets the password (policy checked)
 * and signs the account out everywhere.
 */
import type { Pool, Queryable } from '../db/pool';
import { withTx } from '../db/tx';
import { AppError } from '../http/errors';
import { hashPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { deleteUserSessions } from './sessions';
import { randomToken, sha256 } from './tokens';

export const RESET_TTL_MINUTES = 60;

export async function issueReset(db: Queryable, userId: string, createdBy: string | null): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  await db.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId]);
  const r = await db.query<{ expires_at: Date }>(
    `INSERT INTO password_resets (token_hash, user_id, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(mins => $4)) RETURNING expires_at`,
    [sha256(token), userId, createdBy, RESET_TTL_MINUTES],
  );
  return { token, expiresAt: r.rows[0].expires_at };
}

export interface FoundReset {
  userId: string;
  email: string;
  name: string;
  expiresAt: Date;
}

/** The unused, unexpired reset a link names; 404 unknown or replaced, 410 used or expired. */
export async function findReset(db: Queryable, token: string, lock = false): Promise<FoundReset> {
  const r = await db.query(
    `SELECT p.user_id, u.email, u.name, p.expires_at, p.used_at, p.expires_at < now() AS expired
       FROM password_resets p JOIN users u ON u.id = p.user_id
      WHERE p.token_hash = $1 ${lock ? 'FOR UPDATE OF p' : ''}`,
    [sha256(token)],
  );
  const row = r.rows[0];
  if (!row) {
    throw new AppError(404, 'reset_not_found', 'This reset link is not valid: it may have been replaced by a newer one. Ask for a new link.');
  }
  if (row.used_at) throw new AppError(410, 'reset_used', 'This reset link was already used. Ask for a new link if you need one.');
  if (row.expired) throw new AppError(410, 'reset_expired', 'This reset link has expired (links work for an hour). Ask for a new one.');
  return { userId: row.user_id, email: row.email, name: row.name, expiresAt: row.expires_at };
}

/** Sets the new password and uses the link; answers the user and the sessions signed out (hex hashes). */
export async function completeReset(pool: Pool, token: string, password: string): Promise<{ userId: string; signedOut: string[] }> {
  const found = await findReset(pool, token);
  assertPasswordPolicy(password, { email: found.email, name: found.name }, 'body.password');
  const hash = await hashPassword(password);
  return withTx(pool, async (tx) => {
    const again = await findReset(tx, token, true); // used meanwhile: 410
    await tx.query('UPDATE password_resets SET used_at = now() WHERE token_hash = $1', [sha256(token)]);
    await setPassword(tx, again.userId, hash);
    return { userId: again.userId, signedOut: await deleteUserSessions(tx, again.userId) };
  });
}

/** Stores a new password hash; reset links still open for the old one stop working. */
export async function setPassword(db: Queryable, userId: string, hash: string): Promise<void> {
  await db.query('UPDATE users SET password_hash = $2, password_changed_at = now(), updated_at = now() WHERE id = $1', [userId, hash]);
  await db.query('DELETE FROM password_resets WHERE user_id = $1 AND used_at IS NULL', [userId]);
}
