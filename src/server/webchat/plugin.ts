/**
 * The public side of web chat, in its own scope (outside /api/v1: no session cookie, no CSRF):
 * GET /widget.js, the widget API (files included) and its WebSocket under /widget/v1/{locationId}, with the origin
 * guard and rate limits applying to this scope only.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { App, Deps } from '../http/types';
import { widgetAttachmentRoutes } from './attachment-routes';
import { registerWidgetGuard } from './guard';
import { rateLimitedError } from './limits';
import { widgetApiRoutes } from './public-routes';
import { visitorSocketRoute } from './visitor-socket';
import { widgetScriptRoute } from './widget-script';

export function webchatWidgetPlugin(deps: Deps) {
  return async (instance: FastifyInstance) => {
    const app = instance as unknown as App;
    // Limits are set per route (limits.ts); nothing else in the app is affected.
    await app.register(rateLimit, { global: false, errorResponseBuilder: rateLimitedError });
    registerWidgetGuard(app, deps.pool);
    widgetScriptRoute(app);
    widgetApiRoutes(app, deps);
    widgetAttachmentRoutes(app, deps);
    visitorSocketRoute(app, deps);
  };
}
