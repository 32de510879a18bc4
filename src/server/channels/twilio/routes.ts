import formbody from '@fastify/formbody';
import type { App, Deps } from '../../http/types';
import { AppError } from '../../http/errors';
import { handleInboundSms } from './inbound-sms';
import { handleSmsStatus } from './sms-status';
import { voiceWebhookRoutes } from './voice-routes';

const FORM = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/**
 * Twilio's webhooks: public, verified by signature (never by login), rate-limited per IP across
 * every server process (http/shared-limit.ts), and only ever form-encoded: any other body (JSON,
 * text, none) is 415 before it is read.
 */
export async function twilioWebhookRoutes(app: App, deps: Deps): Promise<void> {
  const limit = { name: 'webhook', max: deps.config.webhookRateLimit, windowSeconds: 60 };
  await app.register(async (scope) => {
    await scope.register(formbody);
    scope.addHook('onRequest', async (req) => {
      await deps.limiter.hit(limit, req.ip, 'Too many webhook calls.');
      if (!FORM.test(req.headers['content-type'] ?? '')) {
        throw new AppError(415, 'unsupported_media_type', 'Twilio webhooks are form-encoded: Content-Type must be application/x-www-form-urlencoded.');
      }
    });
    const s = scope as unknown as App;
    const opts = { schema: { hide: true } };
    s.post('/webhooks/twilio/sms', opts, (req, reply) => handleInboundSms(req, reply, deps));
    s.post('/webhooks/twilio/sms-status', opts, (req, reply) => handleSmsStatus(req, reply, deps));
    voiceWebhookRoutes(s, deps);
  });
}
