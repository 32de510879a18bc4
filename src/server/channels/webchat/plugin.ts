/**
 * The public side of web chat, in its own scope (outside /api/v1: no session cookie, no CSRF):
 * GET /widget.js, the widget API (files included) and its WebSocket under /widget/v1/{locationId}.
 * Hooks in order: the per-IP limit (before any lookup), the origin guard (the location), then the
 * route's own limits (limits.ts) — all applying to this scope only.
 */
import type { FastifyInstance } from 'fastify';
import type { App, Deps } from '../../http/types';
import { widgetAttachmentRoutes } from './attachment-routes';
import { registerWidgetGuard } from './guard';
import { widgetIpLimit } from './limits';
import { widgetApiRoutes } from './public-routes';
import { visitorSocketRoute } from './visitor-socket';
import { widgetScriptRoute } from './widget-script';

export function webchatWidgetPlugin(deps: Deps) {
  return async (instance: FastifyInstance) => {
    const app = instance as unknown as App;
    const { limiter } = deps;
    const perIp = widgetIpLimit(deps.config.widgetIpRateLimit);
    app.addHook('onRequest', async (req) => {
      // /widget.js is a static script; everything under /widget/v1/{locationId} looks things up.
      if ((req.params as { locationId?: string } | undefined)?.locationId !== undefined) await limiter.hit(perIp, req.ip);
    });
    registerWidgetGuard(app, deps.pool);
    app.addHook('onRequest', async (req) => {
      for (const l of req.routeOptions.config.widgetLimits ?? []) await limiter.hit(l, l.key(req));
    });
    widgetScriptRoute(app);
    widgetApiRoutes(app, deps);
    widgetAttachmentRoutes(app, deps);
    visitorSocketRoute(app, deps);
  };
}
