/**
 * An admin gets a one-time link for a member to set a new password (e-mailed to the member too when
 * system mail is configured). Only for members whose every location the admin also administers:
 * the link lets whoever holds it into the account, so it must not reach beyond the admin's own reach.
 */
import { IdParams } from '#shared/common';
import { ResetLinkSchema } from '#shared/auth';
import { ErrorBodySchema } from '#shared/errors';
import { issueReset } from '../auth/resets';
import { resetLink } from '../auth/reset-routes';
import { AppError, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { passwordResetMail } from '../mail/templates';

export const resetLinkRoutes: RouteModule = (app, { pool, config, mailer }) => {
  app.post('/users/:id/password-reset', {
    config: { access: 'admin', peopleOnly: true },
    schema: {
      tags: ['team'],
      summary: 'A one-time link (an hour) for a team member to set a new password; using it signs them out everywhere',
      params: IdParams,
      response: { 200: ResetLinkSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const { locationId, userId: adminId } = req.auth;
      const target = req.params.id;
      const m = await pool.query(
        `SELECT u.email, u.name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.location_id = $1 AND m.user_id = $2`,
        [locationId, target],
      );
      if (!m.rows[0]) throw notFound('Team member');
      const beyond = await pool.query(
        `SELECT 1 FROM memberships m WHERE m.user_id = $1 AND NOT EXISTS (
           SELECT 1 FROM memberships a WHERE a.location_id = m.location_id AND a.user_id = $2 AND a.role = 'admin') LIMIT 1`,
        [target, adminId],
      );
      if (beyond.rowCount) {
        throw new AppError(
          403,
          'reset_not_allowed',
          `${m.rows[0].name} also works in a location you do not manage, so only they can reset their password: “Forgot password?” on the sign-in page.`,
        );
      }
      const { token, expiresAt } = await issueReset(pool, target, adminId);
      const link = resetLink(config.publicUrl, token);
      let mailed = false;
      if (mailer) {
        try {
          await mailer.send(passwordResetMail({ to: m.rows[0].email, link, expiresAt, byAdmin: true }));
          mailed = true;
        } catch (err) {
          req.log.warn({ err }, 'reset mail could not be sent; the admin has the link');
        }
      }
      return { link, expiresAt: expiresAt.toISOString(), mailed };
    },
  });
};
