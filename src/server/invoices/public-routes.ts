/**
 * Public, outside /api/v1 (no session): the payment page /pay/<token> and Stripe's webhook
 * /webhooks/stripe/{locationId}, each rate-limited per IP across processes (http/shared-limit.ts).
 * Their own encapsulated scope keeps request bodies as the raw string (the signature is over the
 * exact bytes), without touching the app's JSON parser.
 */
import type { App, Deps } from '../http/types';
import type { SharedLimit } from '../http/shared-limit';
import { invoicePage, notFoundPage } from './pay-page';
import { payTokenHash } from './send';
import { INVOICE_SELECT, toInvoice } from './serialize';
import { contextOf } from './service';
import { handleStripeWebhook } from './stripe-webhook';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Per client IP, across every server process: Stripe as any provider webhook; the pay page as a person would open it. */
const STRIPE_LIMIT = (deps: Deps): SharedLimit => ({ name: 'stripe-webhook', max: deps.config.webhookRateLimit, windowSeconds: 60 });
const PAY_PAGE_LIMIT: SharedLimit = { name: 'pay-page', max: 120, windowSeconds: 60 };

export async function invoicePublicRoutes(app: App, deps: Deps): Promise<void> {
  await app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    const s = scope as unknown as App;
    const { limiter } = deps;

    s.post('/webhooks/stripe/:locationId', {
      schema: { hide: true },
      onRequest: (req) => limiter.hit(STRIPE_LIMIT(deps), req.ip, 'Too many webhook calls.'),
      handler: (req, reply) => handleStripeWebhook(req, reply, deps),
    });

    s.get('/pay/:token', { schema: { hide: true }, onRequest: (req) => limiter.hit(PAY_PAGE_LIMIT, req.ip) }, async (req, reply) => {
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
