/**
 * Public, outside /api/v1 (no session): the payment page /pay/<token> and Stripe's webhook
 * /webhooks/stripe/{locationId}. Their own encapsulated scope keeps request bodies as the raw
 * string (the signature is over the exact bytes), without touching the app's JSON parser.
 */
import rateLimit from '@fastify/rate-limit';
import { errorBody } from '../http/errors';
import type { App, Deps } from '../http/types';
import { invoicePage, notFoundPage } from './pay-page';
import { payTokenHash } from './send';
import { INVOICE_SELECT, toInvoice } from './serialize';
import { contextOf } from './service';
import { handleStripeWebhook } from './stripe-webhook';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export async function invoicePublicRoutes(app: App, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    await scope.register(rateLimit, {
      max: deps.config.webhookRateLimit,
      timeWindow: '1 minute',
      errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, ...errorBody('rate_limited', `Too many requests; retry in ${Math.ceil(ctx.ttl / 1000)} s.`) }),
    });
    const s = scope as unknown as App;

    s.post('/webhooks/stripe/:locationId', { schema: { hide: true } }, (req, reply) => handleStripeWebhook(req, reply, deps));

    s.get('/pay/:token', { schema: { hide: true } }, async (req, reply) => {
      const { token } = req.params as { token: string };
      reply
        .type('text/html; charset=utf-8')
        .header('Cache-Control', 'no-store')
        .header('X-Robots-Tag', 'noindex')
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
      const r = TOKEN.test(token)
        ? await deps.pool.query(`${INVOICE_SELECT} WHERE i.pay_token_hash = $1`, [payTokenHash(token)])
        : null;
      const row = r?.rows[0];
      if (!row) return reply.status(404).send(notFoundPage());
      const loc = await deps.pool.query('SELECT name FROM locations WHERE id = $1', [row.location_id]);
      return reply.send(invoicePage(toInvoice(row, contextOf(deps)), loc.rows[0].name));
    });
  });
}
