/** The signed-in person's own password and sessions: change the password, sign out everywhere. */
import { PasswordChangeSchema, SignedOutSchema } from '#shared/auth';
import { ErrorBodySchema } from '#shared/errors';
import { withTx } from '../db/tx';
import { AppError } from '../http/errors';
import { hitLimits } from '../http/rate-limit';
import type { RouteModule } from '../http/types';
import { hashPassword, verifyPassword } from './password';
import { assertPasswordPolicy } from './password-policy';
import { setPassword } from './resets';
import { deleteUserSessions, SESSION_COOKIE } from './sessions';
import { sessionCookieOptions } from './sign-in';

const tags = ['auth'];

export const passwordRoutes: RouteModule = (app, { pool, config, hub }) => {
  app.patch('/me/password', {
    config: { peopleOnly: true },
    schema: {
      tags,
      summary: 'Change my password (the current one required); my other sessions are signed out, this one stays',
      body: PasswordChangeSchema,
      response: { 200: SignedOutSchema, 403: ErrorBodySchema, 422: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = req.auth.userId!;
      await hitLimits(pool, [{ key: `password:user:${userId}`, max: 10, windowSeconds: 60 }]);
      const u = (await pool.query('SELECT email, name, password_hash FROM users WHERE id = $1', [userId])).rows[0];
      if (!(await verifyPassword(u.password_hash, req.body.currentPassword))) {
        // 422, not 401: the session is fine, the form is not (a 401 would sign the web app out).
        throw new AppError(422, 'invalid_current_password', 'The current password is not correct.', { field: 'body.currentPassword' });
      }
      assertPasswordPolicy(req.body.newPassword, { email: u.email, name: u.name }, 'body.newPassword');
      const hash = await hashPassword(req.body.newPassword);
      const current = Buffer.from(req.auth.sessionHash!, 'hex');
      const signedOut = await withTx(pool, async (tx) => {
        await setPassword(tx, userId, hash);
        return deleteUserSessions(tx, userId, current);
      });
      await hub.revokeUserSessions(userId, req.auth.sessionHash);
      return { ok: true as const, signedOut: signedOut.length };
    },
  });

  app.post('/me/sessions/revoke-all', {
    config: { peopleOnly: true },
    schema: {
      tags,
      summary: 'Sign out everywhere: every session of mine, this one included, and their live connections',
      response: { 200: SignedOutSchema, 403: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const userId = req.auth.userId!;
      const signedOut = await deleteUserSessions(pool, userId);
      await hub.revokeUserSessions(userId);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      return { ok: true as const, signedOut: signedOut.length };
    },
  });
};
