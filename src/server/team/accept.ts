/**
 * Accepting an invitation with its link: as a new account (name + a password the policy allows),
 * or as the account that already has the invited e-mail — proven with that account's password,
 * limited like sign-in. Either way the membership is created and the invitation used, once.
 */
import type { PublicInvitation } from '#shared/team';
import { hashPassword, burnPasswordCheck, verifyPassword } from '../auth/password';
import { assertPasswordPolicy } from '../auth/password-policy';
import { limitPasswordAttempt } from '../auth/login-limits';
import type { Pool, Queryable } from '../db/pool';
import { withTx } from '../db/tx';
import { AppError } from '../http/errors';
import { parseInvitationToken } from './invitation-tokens';

export interface FoundInvitation {
  id: string;
  locationId: string;
  locationName: string;
  email: string;
  name: string | null;
  role: 'admin' | 'user';
  expiresAt: Date;
}

const invalid = () =>
  new AppError(404, 'invitation_not_found', 'This invitation link is not valid: it may have been revoked or replaced by a newer one. Ask an admin of the team for a new one.');

/** The pending invitation a link names; 404 unknown or revoked, 410 used or expired. */
export async function findInvitation(db: Queryable, token: string, lock = false): Promise<FoundInvitation> {
  const parsed = parseInvitationToken(token);
  if (!parsed) throw invalid();
  const r = await db.query(
    `SELECT i.id, i.location_id, l.name AS location_name, i.email, i.name, i.role, i.expires_at, i.accepted_at, i.expires_at < now() AS expired
       FROM invitations i JOIN locations l ON l.id = i.location_id
      WHERE i.location_id = $1 AND i.token_hash = $2 ${lock ? 'FOR UPDATE OF i' : ''}`,
    [parsed.locationId, parsed.hash],
  );
  const row = r.rows[0];
  if (!row) throw invalid();
  if (row.accepted_at) throw new AppError(410, 'invitation_used', 'This invitation was already accepted. Sign in to continue.');
  if (row.expired) throw new AppError(410, 'invitation_expired', 'This invitation has expired. Ask an admin of the team to send a new one.');
  return {
    id: row.id,
    locationId: row.location_id,
    locationName: row.location_name,
    email: row.email,
    name: row.name,
    role: row.role,
    expiresAt: row.expires_at,
  };
}

export const publicInvitation = (i: FoundInvitation): PublicInvitation => ({
  location: { name: i.locationName },
  email: i.email,
  name: i.name,
  role: i.role,
  expiresAt: i.expiresAt.toISOString(),
});

type Acceptance = { account: 'new'; name: string; password: string } | { account: 'existing'; password: string };

/** Accepts; answers the user id and location to sign in to. */
export async function acceptInvitation(
  pool: Pool,
  token: string,
  body: Acceptance,
  limits: { ip: string; perMinute: number },
): Promise<{ userId: string; locationId: string }> {
  const inv = await findInvitation(pool, token);
  let userId: string | null = null;
  let newHash: string | null = null;
  if (body.account === 'existing') {
    await limitPasswordAttempt(pool, { email: inv.email, ip: limits.ip, perMinute: limits.perMinute });
    const u = await pool.query('SELECT id, password_hash FROM users WHERE lower(email) = lower($1)', [inv.email]);
    // No account and a wrong password answer alike (and take as long).
    if (!u.rows[0]) await burnPasswordCheck(body.password);
    if (!u.rows[0] || !(await verifyPassword(u.rows[0].password_hash, body.password))) {
      throw new AppError(401, 'invalid_credentials', `That is not the password of an account with the e-mail ${inv.email}.`);
    }
    userId = u.rows[0].id;
  } else {
    assertPasswordPolicy(body.password, { email: inv.email, name: body.name }, 'body.password');
    newHash = await hashPassword(body.password);
  }
  return withTx(pool, async (tx) => {
    const again = await findInvitation(tx, token, true); // used meanwhile: 410
    if (newHash !== null && body.account === 'new') {
      const created = await tx.query<{ id: string }>(
        `INSERT INTO users (email, name, password_hash, password_changed_at) VALUES ($1, $2, $3, now())
         ON CONFLICT ((lower(email))) DO NOTHING RETURNING id`,
        [again.email, body.name, newHash],
      );
      if (!created.rows[0]) {
        throw new AppError(409, 'account_exists', `An account with the e-mail ${again.email} already exists: sign in with its password to accept.`);
      }
      userId = created.rows[0].id;
    }
    await tx.query('INSERT INTO memberships (location_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [again.locationId, userId, again.role]);
    await tx.query('UPDATE invitations SET accepted_at = now(), accepted_by = $3 WHERE location_id = $1 AND id = $2', [again.locationId, again.id, userId]);
    return { userId: userId!, locationId: again.locationId };
  });
}
