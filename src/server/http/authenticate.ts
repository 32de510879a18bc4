/**
 * Resolves who is calling (session cookie or `Authorization: Bearer <api key>`) for every /api/v1
 * route, enforces the route's access level, and checks the CSRF token on cookie requests that
 * change state.
 */
import type { FastifyRequest } from 'fastify';
import { findApiKey } from '../api-keys/keys';
import { findSession, SESSION_COOKIE, userLocations, setSessionLocation } from '../auth/sessions';
import { safeEqual } from '../auth/tokens';
import { AppError } from './errors';
import type { App, AuthContext, Deps } from './types';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const unauthenticated = (message = 'Sign in to continue.') => new AppError(401, 'unauthenticated', message);

export async function resolveAuth(req: FastifyRequest, deps: Deps): Promise<AuthContext> {
  const header = req.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <api key>".');
    const key = await findApiKey(deps.pool, m[1]);
    if (!key) throw new AppError(401, 'invalid_api_key', 'The API key is not valid.');
    return { via: 'api_key', userId: null, locationId: key.locationId, role: 'admin', apiKeyId: key.id };
  }
  const token = req.cookies[SESSION_COOKIE];
  if (!token) throw unauthenticated();
  const found = await findSession(deps.pool, token, deps.config.sessionTtlDays);
  if (found.status !== 'ok') {
    if (found.status === 'expired') throw new AppError(401, 'session_expired', 'Your session has expired. Sign in again.');
    throw unauthenticated('Your session is not valid. Sign in again.');
  }
  const s = found.session;
  let { locationId, role, onlyAssigned } = s;
  if (!role) {
    // Removed from the session's location: move to another of the user's locations, if any.
    const other = (await userLocations(deps.pool, s.userId))[0];
    if (!other) throw new AppError(401, 'no_access', 'Your account has no access to any location.');
    await setSessionLocation(deps.pool, s.tokenHash, other.id);
    locationId = other.id;
    role = other.role;
    const m = await deps.pool.query(`SELECT permissions ->> 'onlyAssigned' = 'true' AS only FROM memberships WHERE location_id = $1 AND user_id = $2`, [
      locationId,
      s.userId,
    ]);
    onlyAssigned = m.rows[0]?.only === true;
  }
  return {
    via: 'session',
    userId: s.userId,
    locationId,
    role,
    onlyAssigned,
    sessionHash: s.tokenHash.toString('hex'),
    csrfToken: s.csrfToken,
  };
}

export function checkCsrf(req: FastifyRequest, auth: AuthContext): void {
  if (auth.via !== 'session' || !UNSAFE.has(req.method)) return;
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !auth.csrfToken || !safeEqual(sent, auth.csrfToken)) {
    throw new AppError(403, 'csrf_failed', 'Missing or invalid X-CSRF-Token header.');
  }
}

/** Adds the authentication hook to an encapsulated scope (the /api/v1 plugin). */
export function registerAuthentication(app: App, deps: Deps): void {
  app.decorateRequest('auth', null as unknown as AuthContext);
  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access ?? 'member';
    if (access === 'public') return;
    const auth = await resolveAuth(req, deps);
    checkCsrf(req, auth);
    if (access === 'admin' && auth.role !== 'admin') {
      throw new AppError(403, 'forbidden', 'Only an admin of this location can do that.');
    }
    // A leaked key must not be able to add people, issue reset links or mint and keep keys alive.
    if (req.routeOptions.config?.peopleOnly) requireUser(auth);
    req.auth = auth;
  });
}

/** The acting user, for operations that need a person (API keys act as no user). */
export function requireUser(auth: AuthContext): string {
  if (!auth.userId) throw new AppError(403, 'user_required', 'This action needs a signed-in user, not an API key.');
  return auth.userId;
}
