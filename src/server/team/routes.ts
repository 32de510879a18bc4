import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { InvitationLinkSchema, TeamMemberCreateSchema, TeamMemberPatchSchema, TeamMemberSchema } from '#shared/team';
import { z } from 'zod';
import { closeKeySockets, revokeKeysOf } from '../api-keys/revoke';
import { createInvitation, deliverInvitation } from './invitations';
import { withTx } from '../db/tx';
import type { Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';

const tags = ['team'];
const MEMBER_SELECT = `SELECT u.id, u.name, u.email, m.role, m.created_at,
  coalesce((m.permissions ->> 'onlyAssigned')::boolean, false) AS only_assigned FROM memberships m JOIN users u ON u.id = m.user_id`;
const toMember = (r: any) => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  onlyAssigned: r.only_assigned,
  createdAt: r.created_at.toISOString(),
});

/** A location must keep at least one admin. */
async function assertOtherAdmin(db: Queryable, locationId: string, userId: string) {
  const r = await db.query(
    `SELECT count(*)::int AS n FROM memberships WHERE location_id = $1 AND role = 'admin' AND user_id <> $2`,
    [locationId, userId],
  );
  if (r.rows[0].n === 0) throw new AppError(422, 'last_admin', 'A location needs at least one admin: make someone else admin first.');
}

export const teamRoutes: RouteModule = (app, { pool, hub, config, mailer }) => {
  app.get('/users', {
    schema: { tags, summary: 'Team members of the current location', response: { 200: z.object({ items: z.array(TeamMemberSchema) }) } },
    handler: async (req) => {
      const r = await pool.query(`${MEMBER_SELECT} WHERE m.location_id = $1 ORDER BY u.name`, [req.auth.locationId]);
      return { items: r.rows.map(toMember) };
    },
  });

  app.post('/users', {
    config: { access: 'admin', peopleOnly: true },
    schema: {
      tags,
      summary: 'Invite someone to the team: a one-time link (e-mailed when system mail is configured) to accept as a new or an existing account',
      description:
        'The answer is the same whether or not an account exists for the e-mail; no account is touched until the person accepts. 409 when they are already on the team or invited.',
      body: TeamMemberCreateSchema,
      response: { 201: InvitationLinkSchema, 409: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { locationId } = req.auth;
      const created = await withTx(pool, (tx) =>
        createInvitation(tx, { locationId, email: req.body.email, name: req.body.name, role: req.body.role, invitedBy: req.auth.userId! }),
      );
      return reply.status(201).send(await deliverInvitation(pool, { config, mailer, log: req.log }, locationId, created));
    },
  });

  app.patch('/users/:id', {
    config: { access: 'admin', peopleOnly: true },
    schema: {
      tags,
      summary: 'Change a team member’s role, or whether they see only the conversations assigned to them',
      description: 'Taking admin away revokes the API keys the member made in this location.',
      params: IdParams,
      body: TeamMemberPatchSchema,
      response: { 200: TeamMemberSchema, 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: async (req) => {
      const { locationId } = req.auth;
      const { role, onlyAssigned } = req.body;
      let revokedKeys: string[] = [];
      const member = await withTx(pool, async (tx) => {
        await tx.query('SELECT 1 FROM memberships WHERE location_id = $1 AND role = $2 FOR UPDATE', [locationId, 'admin']);
        if (role === 'user') await assertOtherAdmin(tx, locationId, req.params.id);
        const r = await tx.query(
          `UPDATE memberships SET role = coalesce($3, role),
                  permissions = CASE WHEN $4::boolean IS NULL THEN permissions ELSE permissions || jsonb_build_object('onlyAssigned', $4::boolean) END
            WHERE location_id = $1 AND user_id = $2`,
          [locationId, req.params.id, role ?? null, onlyAssigned ?? null],
        );
        if (r.rowCount === 0) throw notFound('Team member');
        // Keys are made by admins: one who is no longer admin keeps none.
        revokedKeys = role === 'user' ? await revokeKeysOf(tx, locationId, req.params.id) : [];
        const m = await tx.query(`${MEMBER_SELECT} WHERE m.location_id = $1 AND m.user_id = $2`, [locationId, req.params.id]);
        return toMember(m.rows[0]);
      });
      // What their open sockets may receive changed: they reconnect with the new permission.
      if (onlyAssigned !== undefined) await hub.refreshMember(locationId, req.params.id);
      await closeKeySockets(hub, revokedKeys);
      return member;
    },
  });

  app.delete('/users/:id', {
    config: { access: 'admin', peopleOnly: true },
    schema: { tags, summary: 'Remove a team member from this location (and revoke the API keys they made here)', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema, 422: ErrorBodySchema } },
    handler: async (req) => {
      const { locationId } = req.auth;
      const revokedKeys = await withTx(pool, async (tx) => {
        // Lock the admins so two removals at once cannot leave the location without one.
        await tx.query('SELECT 1 FROM memberships WHERE location_id = $1 AND role = $2 FOR UPDATE', [locationId, 'admin']);
        await assertOtherAdmin(tx, locationId, req.params.id);
        const r = await tx.query('DELETE FROM memberships WHERE location_id = $1 AND user_id = $2', [locationId, req.params.id]);
        if (r.rowCount === 0) throw notFound('Team member');
        return revokeKeysOf(tx, locationId, req.params.id);
      });
      await hub.revokeMember(locationId, req.params.id);
      await closeKeySockets(hub, revokedKeys);
      return { ok: true as const };
    },
  });
};
