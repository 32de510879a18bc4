import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { TeamMemberCreateSchema, TeamMemberPatchSchema, TeamMemberSchema } from '#shared/team';
import { z } from 'zod';
import { hashPassword } from '../auth/password';
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

export const teamRoutes: RouteModule = (app, { pool, hub }) => {
  app.get('/users', {
    schema: { tags, summary: 'Team members of the current location', response: { 200: z.object({ items: z.array(TeamMemberSchema) }) } },
    handler: async (req) => {
      const r = await pool.query(`${MEMBER_SELECT} WHERE m.location_id = $1 ORDER BY u.name`, [req.auth.locationId]);
      return { items: r.rows.map(toMember) };
    },
  });

  app.post('/users', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Add a team member (an existing account keeps its password)',
      body: TeamMemberCreateSchema,
      response: { 201: TeamMemberSchema, 409: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { locationId } = req.auth;
      const hash = await hashPassword(req.body.password);
      const member = await withTx(pool, async (tx) => {
        await tx.query(`INSERT INTO users (email, name, password_hash) VALUES ($1, $2, $3) ON CONFLICT ((lower(email))) DO NOTHING`, [
          req.body.email,
          req.body.name,
          hash,
        ]);
        const u = await tx.query('SELECT id FROM users WHERE lower(email) = $1', [req.body.email]);
        const ins = await tx.query(
          `INSERT INTO memberships (location_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING user_id`,
          [locationId, u.rows[0].id, req.body.role],
        );
        if (ins.rowCount === 0) throw new AppError(409, 'already_member', `${req.body.email} is already on this team.`);
        const r = await tx.query(`${MEMBER_SELECT} WHERE m.location_id = $1 AND m.user_id = $2`, [locationId, u.rows[0].id]);
        return toMember(r.rows[0]);
      });
      return reply.status(201).send(member);
    },
  });

  app.patch('/users/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Change a team member’s role, or whether they see only the conversations assigned to them',
      params: IdParams,
      body: TeamMemberPatchSchema,
      response: { 200: TeamMemberSchema, 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: async (req) => {
      const { locationId } = req.auth;
      const { role, onlyAssigned } = req.body;
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
        const m = await tx.query(`${MEMBER_SELECT} WHERE m.location_id = $1 AND m.user_id = $2`, [locationId, req.params.id]);
        return toMember(m.rows[0]);
      });
      // What their open sockets may receive changed: they reconnect with the new permission.
      if (onlyAssigned !== undefined) await hub.refreshMember(locationId, req.params.id);
      return member;
    },
  });

  app.delete('/users/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Remove a team member from this location', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema, 422: ErrorBodySchema } },
    handler: async (req) => {
      const { locationId } = req.auth;
      await withTx(pool, async (tx) => {
        // Lock the admins so two removals at once cannot leave the location without one.
        await tx.query('SELECT 1 FROM memberships WHERE location_id = $1 AND role = $2 FOR UPDATE', [locationId, 'admin']);
        await assertOtherAdmin(tx, locationId, req.params.id);
        const r = await tx.query('DELETE FROM memberships WHERE location_id = $1 AND user_id = $2', [locationId, req.params.id]);
        if (r.rowCount === 0) throw notFound('Team member');
      });
      await hub.revokeMember(locationId, req.params.id);
      return { ok: true as const };
    },
  });
};
