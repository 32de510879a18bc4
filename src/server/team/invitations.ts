/**
 * Invitations to a location's team. Inviting an address never looks at whether an account exists
 * for it — the answer is the same either way, by construction — and never touches an account: the
 * person accepts with the link (accept.ts), as a new account or by proving they own the existing one.
 */
import type { Invitation, InvitationLink } from '#shared/team';
import type { Config } from '../config';
import type { Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';
import type { Mailer } from '../mail/mailer';
import { invitationMail } from '../mail/templates';
import { newInvitationToken } from './invitation-tokens';

export const INVITATION_TTL_DAYS = 7;

const SELECT = `SELECT i.id, i.email, i.name, i.role, i.created_at, i.sent_at, i.expires_at, i.expires_at < now() AS expired,
  i.invited_by, u.name AS invited_by_name FROM invitations i LEFT JOIN users u ON u.id = i.invited_by`;

const toInvitation = (r: any): Invitation => ({
  id: r.id,
  email: r.email,
  name: r.name,
  role: r.role,
  status: r.expired ? 'expired' : 'pending',
  invitedBy: r.invited_by ? { id: r.invited_by, name: r.invited_by_name } : null,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
});

export const invitationLink = (config: Config, token: string) => `${config.publicUrl}/invite/${token}`;

export async function listInvitations(db: Queryable, locationId: string): Promise<Invitation[]> {
  const r = await db.query(`${SELECT} WHERE i.location_id = $1 AND i.accepted_at IS NULL ORDER BY i.created_at DESC`, [locationId]);
  return r.rows.map(toInvitation);
}

async function loadOne(db: Queryable, locationId: string, id: string): Promise<Invitation> {
  const r = await db.query(`${SELECT} WHERE i.location_id = $1 AND i.id = $2`, [locationId, id]);
  return toInvitation(r.rows[0]);
}

/** 409 when they are on the team already or have an invitation that still works. */
export async function createInvitation(
  db: Queryable,
  input: { locationId: string; email: string; name?: string; role: 'admin' | 'user'; invitedBy: string },
): Promise<{ invitation: Invitation; token: string }> {
  const { locationId, email } = input;
  const member = await db.query(
    'SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.location_id = $1 AND lower(u.email) = $2',
    [locationId, email],
  );
  if (member.rowCount) throw new AppError(409, 'already_member', `${email} is already on this team.`);
  // An expired invitation gives way to the new one.
  await db.query('DELETE FROM invitations WHERE location_id = $1 AND lower(email) = $2 AND accepted_at IS NULL AND expires_at < now()', [
    locationId,
    email,
  ]);
  const { token, hash } = newInvitationToken(locationId);
  const r = await db.query<{ id: string }>(
    `INSERT INTO invitations (location_id, email, name, role, token_hash, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))
     ON CONFLICT DO NOTHING RETURNING id`,
    [locationId, email, input.name || null, input.role, hash, input.invitedBy, INVITATION_TTL_DAYS],
  );
  if (!r.rows[0]) {
    throw new AppError(409, 'already_invited', `${email} is already invited: resend or revoke that invitation under Invited.`);
  }
  return { invitation: await loadOne(db, locationId, r.rows[0].id), token };
}

/** A new link (the old one stops working) and seven more days. */
export async function renewInvitation(db: Queryable, locationId: string, id: string): Promise<{ invitation: Invitation; token: string }> {
  const { token, hash } = newInvitationToken(locationId);
  const r = await db.query(
    `UPDATE invitations SET token_hash = $3, sent_at = now(), expires_at = now() + make_interval(days => $4)
      WHERE location_id = $1 AND id = $2 AND accepted_at IS NULL`,
    [locationId, id, hash, INVITATION_TTL_DAYS],
  );
  if (r.rowCount === 0) throw notFound('Invitation');
  return { invitation: await loadOne(db, locationId, id), token };
}

export async function revokeInvitation(db: Queryable, locationId: string, id: string): Promise<void> {
  const r = await db.query('DELETE FROM invitations WHERE location_id = $1 AND id = $2 AND accepted_at IS NULL', [locationId, id]);
  if (r.rowCount === 0) throw notFound('Invitation');
}

/** E-mails the link when system mail is configured; answers the invitation with its link. */
export async function deliverInvitation(
  db: Queryable,
  deps: { config: Config; mailer: Mailer | null; log: { warn(obj: unknown, msg?: string): void } },
  locationId: string,
  created: { invitation: Invitation; token: string },
): Promise<InvitationLink> {
  const link = invitationLink(deps.config, created.token);
  let mailed = false;
  if (deps.mailer) {
    const loc = await db.query('SELECT name FROM locations WHERE id = $1', [locationId]);
    try {
      await deps.mailer.send(
        invitationMail({
          to: created.invitation.email,
          locationName: loc.rows[0].name,
          inviterName: created.invitation.invitedBy?.name ?? null,
          link,
          expiresAt: new Date(created.invitation.expiresAt),
        }),
      );
      mailed = true;
    } catch (err) {
      deps.log.warn({ err }, 'invitation mail could not be sent; the admin has the link');
    }
  }
  return { ...created.invitation, link, mailed };
}
