/**
 * The public side of passwords: "forgot password" (always the same answer; the mail, when system
 * mail is configured, is prepared and sent in the background so the answer takes as long for an
 * unknown address), the reset link's page data, and setting the new password with it.
 */
import {
  AuthOptionsSchema,
  ForgotPasswordAnswerSchema,
  ForgotPasswordSchema,
  PasswordResetDoneSchema,
  PasswordResetInfoSchema,
  PasswordResetSchema,
} from '#shared/auth';
import { ErrorBodySchema } from '#shared/errors';
import { z } from 'zod';
import { countHit, hitLimits } from '../http/rate-limit';
import type { RouteModule } from '../http/types';
import { passwordResetMail } from '../mail/templates';
import { tokenLimit } from '../team/accept-routes';
import { completeReset, findReset, issueReset } from './resets';
import { SESSION_COOKIE } from './sessions';
import { sessionCookieOptions, signIn } from './sign-in';

const tags = ['auth'];
const TokenParams = z.object({ token: z.string().max(200) });
/** Reset mails one address may receive per hour, whoever asks (a quiet cap: the answer stays the same). */
const MAILS_PER_ADDRESS_HOUR = 5;

export const resetLink = (publicUrl: string, token: string) => `${publicUrl}/reset/${token}`;

export const resetRoutes: RouteModule = (app, { pool, config, hub, mailer }) => {
  app.get('/auth/options', {
    config: { access: 'public' },
    schema: { tags, summary: 'What the sign-in page can offer', response: { 200: AuthOptionsSchema } },
    handler: async () => ({ systemMail: mailer !== null }),
  });

  app.post('/auth/forgot', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Forgot password: e-mails a one-time reset link when the address has an account and system mail is configured; the answer is always the same',
      body: ForgotPasswordSchema,
      response: { 200: ForgotPasswordAnswerSchema, 429: ErrorBodySchema },
    },
    handler: async (req) => {
      await hitLimits(pool, [{ key: `forgot:ip:${req.ip}`, max: 10, windowSeconds: 60 }]);
      if (!mailer) {
        return { ok: true as const, message: 'This server does not send e-mail: ask an admin of your team for a password reset link.' };
      }
      const { email } = req.body;
      mailer.sendInBackground(async () => {
        if ((await countHit(pool, `forgot:email:${email}`, 3600)).weighted > MAILS_PER_ADDRESS_HOUR) return null;
        const u = await pool.query<{ id: string; email: string }>('SELECT id, email FROM users WHERE lower(email) = $1', [email]);
        if (!u.rows[0]) return null;
        const { token, expiresAt } = await issueReset(pool, u.rows[0].id, null);
        return passwordResetMail({ to: u.rows[0].email, link: resetLink(config.publicUrl, token), expiresAt, byAdmin: false });
      });
      return {
        ok: true as const,
        message: 'If an account uses that e-mail, a link to choose a new password is on its way. It works once, for an hour.',
      };
    },
  });

  app.get('/auth/reset/:token', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The account a reset link is for',
      params: TokenParams,
      response: { 200: PasswordResetInfoSchema, 404: ErrorBodySchema, 410: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req) => {
      await hitLimits(pool, [tokenLimit(req.ip)]);
      const r = await findReset(pool, req.params.token);
      return { email: r.email, expiresAt: r.expiresAt.toISOString() };
    },
  });

  app.post('/auth/reset/:token', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Set a new password with a reset link (once); every session of the account is signed out, then a new one starts',
      params: TokenParams,
      body: PasswordResetSchema,
      response: { 200: PasswordResetDoneSchema, 404: ErrorBodySchema, 410: ErrorBodySchema, 422: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      await hitLimits(pool, [tokenLimit(req.ip)]);
      const { userId } = await completeReset(pool, req.params.token, req.body.password);
      await hub.revokeUserSessions(userId);
      const me = await signIn(pool, config, req, reply, userId);
      if (!me) reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(config));
      return { signedIn: me !== null, me };
    },
  });
};
