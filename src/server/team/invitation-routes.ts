/** The pending invitations of a location, for its admins (people, not API keys): list, resend, revoke. */
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { InvitationLinkSchema, InvitationSchema } from '#shared/team';
import { z } from 'zod';
import { withTx } from '../db/tx';
import type { RouteModule } from '../http/types';
import { deliverInvitation, listInvitations, renewInvitation, revokeInvitation } from './invitations';

const tags = ['team'];
const config = { access: 'admin', peopleOnly: true } as const;

export const invitationRoutes: RouteModule = (app, deps) => {
  const { pool } = deps;

  app.get('/invitations', {
    config,
    schema: { tags, summary: 'Invitations not yet accepted (expired ones too)', response: { 200: z.object({ items: z.array(InvitationSchema) }) } },
    handler: async (req) => ({ items: await listInvitations(pool, req.auth.locationId) }),
  });

  app.post('/invitations/:id/resend', {
    config,
    schema: {
      tags,
      summary: 'A new link for an invitation (the previous link stops working), valid 7 more days; e-mailed again when system mail is configured',
      params: IdParams,
      response: { 200: InvitationLinkSchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const { locationId } = req.auth;
      const renewed = await withTx(pool, (tx) => renewInvitation(tx, locationId, req.params.id));
      return deliverInvitation(pool, { config: deps.config, mailer: deps.mailer, log: req.log }, locationId, renewed);
    },
  });

  app.delete('/invitations/:id', {
    config,
    schema: { tags, summary: 'Revoke an invitation: its link stops working', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      await revokeInvitation(pool, req.auth.locationId, req.params.id);
      return { ok: true as const };
    },
  });
};
