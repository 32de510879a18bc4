/** The invitation link's public side: what it invites to, and accepting it (then signed in). */
import { MeSchema } from '#shared/auth';
import { ErrorBodySchema } from '#shared/errors';
import { InvitationAcceptSchema, PublicInvitationSchema } from '#shared/team';
import { z } from 'zod';
import { signIn } from '../auth/sign-in';
import { AppError } from '../http/errors';
import { hitLimits } from '../http/rate-limit';
import type { RouteModule } from '../http/types';
import { acceptInvitation, findInvitation, publicInvitation } from './accept';

const tags = ['team'];
const TokenParams = z.object({ token: z.string().max(200) });
/** Link tokens cannot be guessed; this only keeps anyone from trying at volume. */
export const tokenLimit = (ip: string) => ({ key: `token:ip:${ip}`, max: 60, windowSeconds: 60 });

export const invitationAcceptRoutes: RouteModule = (app, { pool, config }) => {
  app.get('/auth/invitations/:token', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The invitation an invitation link stands for',
      params: TokenParams,
      response: { 200: PublicInvitationSchema, 404: ErrorBodySchema, 410: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req) => {
      await hitLimits(pool, [tokenLimit(req.ip)]);
      return publicInvitation(await findInvitation(pool, req.params.token));
    },
  });

  app.post('/auth/invitations/:token/accept', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Accept an invitation as a new account (name, password) or an existing one (its password); signs in',
      params: TokenParams,
      body: InvitationAcceptSchema,
      response: {
        200: MeSchema,
        401: ErrorBodySchema,
        404: ErrorBodySchema,
        409: ErrorBodySchema,
        410: ErrorBodySchema,
        422: ErrorBodySchema,
        429: ErrorBodySchema,
      },
    },
    handler: async (req, reply) => {
      await hitLimits(pool, [tokenLimit(req.ip)]);
      const { userId, locationId } = await acceptInvitation(pool, req.params.token, req.body, { ip: req.ip, perMinute: config.loginRateLimit });
      const me = await signIn(pool, config, req, reply, userId, locationId);
      if (!me) throw new AppError(401, 'no_access', 'Your account has no access to any location.');
      return me;
    },
  });
};
