/**
 * The door of the widget's API: every /widget/v1/{locationId}/… request (preflight and WebSocket
 * handshake included) must come from one of the location's allowed origins. Browsers always send
 * Origin on the widget's requests (they are cross-origin), so a missing Origin is refused too.
 * Allowed requests get CORS headers for that origin only; no cookies are involved (bearer tokens).
 */
import type { FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../http/errors';
import type { App } from '../../http/types';
import type { Pool } from '../../db/pool';
import { isAllowedOrigin, loadWidgetLocation, type WidgetLocation } from './settings';
import { authenticateVisitor, visitorTokenOf, type Visitor } from './visitors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set on /widget/v1/{locationId}/… once the origin is known to be allowed. */
    widgetLocation: WidgetLocation;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export function registerWidgetGuard(app: App, pool: Pool): void {
  app.decorateRequest('widgetLocation', null as unknown as WidgetLocation);
  app.addHook('onRequest', async (req, reply) => {
    const locationId = (req.params as { locationId?: string } | undefined)?.locationId;
    if (locationId === undefined) return; // /widget.js: a plain script, no API
    const location = UUID.test(locationId) ? await loadWidgetLocation(pool, locationId) : null;
    if (!location) throw notFound('Location');
    const origin = req.headers.origin;
    if (!isAllowedOrigin(location, origin)) {
      throw new AppError(403, 'origin_not_allowed', 'This site is not allowed to use the chat of this clinic. An admin can add it in Settings → Web chat.', {
        origin: origin ?? null,
      });
    }
    reply.header('Access-Control-Allow-Origin', origin);
    reply.header('Access-Control-Expose-Headers', 'Retry-After');
    reply.header('Vary', 'Origin');
    req.widgetLocation = location;
  });

  // Preflight: the guard above has already checked the origin.
  app.options('/widget/v1/:locationId/*', { schema: { hide: true } }, (_req, reply) =>
    reply
      .status(204)
      .header('Access-Control-Allow-Methods', 'GET, POST, PUT, OPTIONS')
      .header('Access-Control-Allow-Headers', 'Authorization, Content-Type')
      .header('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE_SECONDS))
      .send(),
  );
}

/** The calling visitor (Bearer token, or ?token= on the WebSocket) of the request's location. */
export function visitorOf(req: FastifyRequest, pool: Pool): Promise<Visitor> {
  return authenticateVisitor(pool, req.widgetLocation.id, visitorTokenOf(req.headers, req.query));
}
