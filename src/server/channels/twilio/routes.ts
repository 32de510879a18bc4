import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import type { App, Deps } from '../../http/types';
import { errorBody } from '../../http/errors';
import { handleInboundSms } from './inbound-sms';
import { handleSmsStatus } from './sms-status';
import { voiceWebhookRoutes } from './voice-routes';

/** Twilio's webhooks: public, verified by signature (never by login), rate-limited per IP. */
export async function twilioWebhookRoutes(app: App, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(formbody);
    await scope.register(rateLimit, {
      max: deps.config.webhookRateLimit,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, ...errorBody('rate_limited', `Too many webhook calls; retry in ${Math.ceil(ctx.ttl / 1000)} s.`) }),
    });
    const s = scope as unknown as App;
    const opts = { schema: { hide: true } };
    s.post('/webhooks/twilio/sms', opts, (req, reply) => handleInboundSms(req, reply, deps));
    s.post('/webhooks/twilio/sms-status', opts, (req, reply) => handleSmsStatus(req, reply, deps));
    voiceWebhookRoutes(s, deps);
  });
}
