/** Builds the simulator's Fastify app: the Twilio REST API, the control API, and the pages. */
import Fastify, { type FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';
import type { SimContext } from './context';
import { registerGuard } from './api/guard';
import { messageRoutes } from './api/messages';
import { callRoutes } from './api/calls';
import { recordingRoutes } from './api/recordings';
import { faultRoutes } from './control/faults';
import { trafficRoutes } from './control/traffic';
import { inspectRoutes } from './control/inspect';
import { eventRoutes } from './control/events';
import { BadRequest } from './control/validate';
import { pageRoutes } from './pages/routes';
import { mailRoutes } from './mail/routes';
import { twilioError } from './twilio-errors';

export async function buildSimulatorApp(ctx: SimContext, logger: boolean): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 30 * 1024 * 1024 });
  await app.register(formbody);

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof BadRequest) return reply.code(400).send({ error: err.message });
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) ctx.log(`simulator: ${req.method} ${req.url} failed`, err);
    if (req.url.startsWith('/2010-04-01/')) return reply.code(status).send(twilioError(status, 20000 + status, err.message));
    return reply.code(status).send({ error: err.message });
  });

  await app.register(
    async (api) => {
      registerGuard(api, ctx.state);
      messageRoutes(api, ctx);
      callRoutes(api, ctx);
      recordingRoutes(api, ctx);
    },
    { prefix: '/2010-04-01' },
  );

  faultRoutes(app, ctx.state);
  trafficRoutes(app, ctx);
  inspectRoutes(app, ctx);
  eventRoutes(app, ctx);
  pageRoutes(app, ctx);
  mailRoutes(app, ctx.mail);
  return app;
}
