/**
 * Rate limits of the widget's public API (@fastify/rate-limit, registered in the widget's scope
 * only; counters per process). Per visitor token where there is one, per client IP otherwise.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../http/errors';
import { hashToken, visitorTokenOf } from './visitors';

const byVisitor = (req: FastifyRequest) => {
  const token = visitorTokenOf(req.headers, req.query);
  return token ? `visitor:${hashToken(token).toString('base64url')}` : `ip:${req.ip}`;
};
const byIp = (req: FastifyRequest) => `ip:${req.ip}`;

const MINUTE = 60_000;

export const LIMITS = {
  /** New visitors per IP (a bot creating tokens). */
  createVisitor: { max: 20, timeWindow: MINUTE, keyGenerator: byIp },
  config: { max: 120, timeWindow: MINUTE, keyGenerator: byIp },
  /** Messages per visitor: a person types far fewer. */
  send: { max: 30, timeWindow: MINUTE, keyGenerator: byVisitor },
  read: { max: 120, timeWindow: MINUTE, keyGenerator: byVisitor },
  profile: { max: 10, timeWindow: MINUTE, keyGenerator: byVisitor },
  typing: { max: 60, timeWindow: MINUTE, keyGenerator: byVisitor },
  /** Files per visitor, and per IP (new visitors are cheap to make): a person sends a few photos. */
  upload: { max: 10, timeWindow: MINUTE, keyGenerator: byVisitor },
  uploadPerIp: { max: 30, timeWindow: MINUTE, keyGenerator: byIp },
  /** File downloads (the widget keeps what it fetched for the page's life). */
  download: { max: 120, timeWindow: MINUTE, keyGenerator: byVisitor },
  /** WebSocket handshakes (the widget reconnects with back-off). */
  socket: { max: 30, timeWindow: MINUTE, keyGenerator: byVisitor },
};

/** The 429 in the API's error shape (the error handler adds Retry-After). */
export function rateLimitedError(_req: FastifyRequest, ctx: { ttl: number; after: string }) {
  const seconds = Math.max(1, Math.ceil(ctx.ttl / 1000));
  return new AppError(429, 'rate_limited', `Too many requests. Try again in ${seconds} seconds.`, { retryAfterSeconds: seconds });
}
