import { LoginSchema, MePhoneSchema, MeSchema, SwitchLocationSchema } from '#shared/auth';
import { ErrorBodySchema } from '#shared/errors';
import { OkSchema } from '#shared/common';
import { AppError, notFound } from '../http/errors';
import { normalizePhoneOrThrow } from '../contacts/phone';
import { requireUser } from '../http/authenticate';
import type { RouteModule } from '../http/types';
import { burnPasswordCheck, verifyPassword } from './password';
import { deleteSession, SESSION_COOKIE, setSessionLocation, userLocations } from './sessions';
import { limitPasswordAttempt } from './login-limits';
import { sessionCookieOptions, signIn } from './sign-in';
import { loadMe } from './me';
import { mergePreferences } from '../preferences/merge';

const tags = ['auth'];

export const authRoutes: RouteModule = (app, { pool, config, hub }) => {
  const cookieOptions = sessionCookieOptions(config);

  app.post('/auth/login', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'Sign in; sets the session cookie',
      body: LoginSchema,
      response: { 200: MeSchema, 401: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { email, password } = req.body;
      await limitPasswordAttempt(pool, { email, ip: req.ip, perMinute: config.loginRateLimit });
      const r = await pool.query(`SELECT id, password_hash FROM users WHERE lower(email) = $1`, [email]);
      const user = r.rows[0];
      if (!user) {
        await burnPasswordCheck(password);
        throw new AppError(401, 'invalid_credentials', 'The e-mail or password is not correct.');
      }
      if (!(await verifyPassword(user.password_hash, password))) {
        throw new AppError(401, 'invalid_credentials', 'The e-mail or password is not correct.');
      }
      const me = await signIn(pool, config, req, reply, user.id);
      if (!me) throw new AppError(401, 'no_access', 'Your account has no access to any location.');
      return me;
    },
  });

  app.post('/auth/logout', {
    schema: { tags, summary: 'Sign out; revokes the session', response: { 200: OkSchema } },
    handler: async (req, reply) => {
      if (req.auth.sessionHash) {
        await deleteSession(pool, Buffer.from(req.auth.sessionHash, 'hex'));
        await hub.revokeSession(req.auth.sessionHash);
      }
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return { ok: true as const };
    },
  });

  app.get('/me', {
    schema: { tags, summary: 'The signed-in user, current location and CSRF token', response: { 200: MeSchema } },
    handler: async (req) => loadMe(pool, req.auth),
  });

  app.put('/me/phone', {
    schema: {
      tags,
      summary: 'Set or clear the signed-in user’s own phone (click to call rings it first)',
      body: MePhoneSchema,
      response: { 200: MeSchema, 400: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      const country = (await pool.query('SELECT country FROM locations WHERE id = $1', [req.auth.locationId])).rows[0]?.country ?? 'US';
      const phone = req.body.phone ? normalizePhoneOrThrow(req.body.phone, country, 'body.phone') : null;
      await pool.query('UPDATE users SET phone = $2 WHERE id = $1', [userId, phone]);
      return loadMe(pool, req.auth);
    },
  });

  app.put('/me/location', {
    schema: {
      tags,
      summary: 'Switch the session to another of the user’s locations',
      body: SwitchLocationSchema,
      response: { 200: MeSchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      const target = (await userLocations(pool, userId)).find((l) => l.id === req.body.locationId);
      if (!target) throw notFound('Location');
      const hash = Buffer.from(req.auth.sessionHash!, 'hex');
      await setSessionLocation(pool, hash, target.id);
      await mergePreferences(pool, userId, { lastLocationId: target.id });
      // Sockets opened for the previous location must not receive its events any more.
      await hub.revokeSession(req.auth.sessionHash!);
      return loadMe(pool, { ...req.auth, locationId: target.id, role: target.role });
    },
  });
};

