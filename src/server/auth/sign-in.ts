/** Starting a session for a person whose identity was just proven (password, invitation, reset link). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Me } from '#shared/auth';
import type { Config } from '../config';
import type { Queryable } from '../db/pool';
import { loadMe } from './me';
import { createSession, SESSION_COOKIE, userLocations } from './sessions';

export const sessionCookieOptions = (config: Config) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.publicUrl.startsWith('https://'),
});

/**
 * Creates a session in `preferLocation` (else the one used last, else the first), sets the cookie
 * and answers `me`; null when the user belongs to no location (nothing is set then).
 */
export async function signIn(
  db: Queryable,
  config: Config,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  preferLocation?: string,
): Promise<Me | null> {
  const locations = await userLocations(db, userId);
  if (locations.length === 0) return null;
  const last = (await db.query(`SELECT preferences->>'lastLocationId' AS last FROM users WHERE id = $1`, [userId])).rows[0]?.last;
  const current = locations.find((l) => l.id === preferLocation) ?? locations.find((l) => l.id === last) ?? locations[0];
  const session = await createSession(db, {
    userId,
    locationId: current.id,
    ttlDays: config.sessionTtlDays,
    ip: req.ip,
    userAgent: req.headers['user-agent'],
  });
  await db.query('UPDATE users SET last_login_at = now() WHERE id = $1', [userId]);
  reply.setCookie(SESSION_COOKIE, session.token, { ...sessionCookieOptions(config), maxAge: config.sessionTtlDays * 86400 });
  return loadMe(db, { via: 'session', userId, locationId: current.id, role: current.role, csrfToken: session.csrfToken });
}
