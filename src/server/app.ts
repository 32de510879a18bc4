import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerErrorHandler } from './http/errors';
import { registerInputGuard } from './http/input-guard';
import { registerAuthentication } from './http/authenticate';
import type { App, Deps, RouteModule } from './http/types';
import { authRoutes } from './auth/routes';
import { apiKeyRoutes } from './api-keys/routes';
import { contactRoutes } from './contacts/routes';
import { conversationRoutes } from './conversations/routes';
import { messageRoutes } from './messages/routes';
import { noteRoutes } from './notes/routes';
import { attachmentRoutes } from './attachments/routes';
import { socketRoutes } from './realtime/socket-route';
import { teamRoutes } from './team/routes';
import { invitationRoutes } from './team/invitation-routes';
import { invitationAcceptRoutes } from './team/accept-routes';
import { resetLinkRoutes } from './team/reset-link-route';
import { passwordRoutes } from './auth/password-routes';
import { resetRoutes } from './auth/reset-routes';
import { locationRoutes } from './locations/routes';
import { webRoutes } from './web/routes';
import { channelRoutes } from './channels/routes';
import { opportunityRoutes } from './opportunities/routes';
import { pipelineStageRoutes } from './opportunities/stage-routes';
import { appointmentRoutes } from './appointments/routes';
import { invoiceRoutes } from './invoices/routes';
import { invoicePublicRoutes } from './invoices/public-routes';
import { publicMediaRoutes } from './attachments/public-media';
import { searchRoutes } from './search/routes';
import { conversationAccessRoutes } from './conversations/access';
import { recordAccessRoutes } from './contacts/access';
import { conversationBulkRoutes } from './conversations/bulk-routes';
import { notificationRoutes } from './notifications/routes';
import { preferenceRoutes } from './preferences/routes';
import { presenceRoutes } from './realtime/presence-route';
import { snippetRoutes } from './snippets/routes';
import { draftRoutes } from './drafts/routes';
import { scheduledMessageRoutes } from './messages/scheduled-routes';

/** The public API v1, in registration order; each module owns one domain. */
const API_V1: RouteModule[] = [
  authRoutes,
  passwordRoutes,
  resetRoutes,
  conversationAccessRoutes, // first: its hook guards every /conversations/{id} route of the scope
  recordAccessRoutes, // and its hook the contacts, their records and attachments ("only assigned")
  locationRoutes,
  teamRoutes,
  invitationRoutes,
  invitationAcceptRoutes,
  resetLinkRoutes,
  apiKeyRoutes,
  contactRoutes,
  conversationRoutes,
  conversationBulkRoutes,
  notificationRoutes,
  preferenceRoutes,
  presenceRoutes,
  messageRoutes,
  noteRoutes,
  attachmentRoutes,
  socketRoutes,
  channelRoutes,
  opportunityRoutes,
  pipelineStageRoutes,
  appointmentRoutes,
  invoiceRoutes,
  searchRoutes,
  snippetRoutes,
  draftRoutes,
  scheduledMessageRoutes,
];

/** The API documentation page's policy (checked in Chromium: the page renders with no violation). */
const DOCS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A request URL as logged: web chat visitor tokens (the socket's ?token=), media link signatures
 * and pay page tokens (/pay/<token>) are secrets that open something, so they never reach the log.
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&](?:token|sig)=)[^&#]*/g, '$1[redacted]').replace(/^\/pay\/[^/?#]+/, '/pay/[redacted]');
}

export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<App> {
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: deps.config.logLevel,
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), remoteAddress: req.ip }),
            },
          },
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Let in-flight requests finish on shutdown, but drop idle keep-alive sockets.
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuard(app);
  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'same-origin');
    if (!reply.hasHeader('X-Frame-Options')) reply.header('X-Frame-Options', 'DENY');
    // Only once the app is really served over https (PUBLIC_URL); never on a plain-http demo.
    if (deps.config.publicUrl.startsWith('https://')) reply.header('Strict-Transport-Security', 'max-age=31536000');
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: deps.config.maxUploadBytes, files: 1 } });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Aesthetix Inbox API', version: '1.0.0', description: 'Public HTTP API v1 of the unified inbox.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'aix_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // Swagger UI loads only its own files; it sets inline styles, and fetches the spec and "Try it out" from here.
    staticCSP: DOCS_CSP,
    uiConfig: { validatorUrl: null },
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(
    async (api) => {
      const scoped = api as unknown as App;
      registerAuthentication(scoped, deps);
      for (const routes of API_V1) routes(scoped, deps);
      for (const adapter of deps.channels.adapters) adapter.apiRoutes?.(scoped, deps);
    },
    { prefix: '/api/v1' },
  );

  // Public, outside /api/v1: each channel's webhooks (verified by signature) and the chat widget's
  // script, API and socket (own CORS and rate limits).
  for (const adapter of deps.channels.adapters) await adapter.inbound?.routes?.(app as App, deps);
  await invoicePublicRoutes(app as App, deps);
  publicMediaRoutes(app as App, deps);
  await webRoutes(app as App, deps);
  return app as App;
}
