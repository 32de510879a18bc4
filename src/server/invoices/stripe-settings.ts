/**
 * The location's Stripe integration: the webhook signing secret (and optionally the API key, for
 * Checkout later), sealed like channel credentials and never returned.
 */
import { OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { StripeIntegrationPutSchema, StripeIntegrationSchema, type StripeIntegration } from '#shared/invoices';
import type { Secrets } from '../crypto/secrets';
import type { Queryable } from '../db/pool';
import type { RouteModule } from '../http/types';

export interface StripeSecrets {
  webhookSecret: string;
  secretKey?: string;
}

export async function loadStripeSecrets(db: Queryable, secrets: Secrets, locationId: string): Promise<StripeSecrets | null> {
  const r = await db.query(`SELECT secrets FROM integrations WHERE location_id = $1 AND provider = 'stripe'`, [locationId]);
  return r.rows[0] ? (JSON.parse(secrets.decrypt(r.rows[0].secrets)) as StripeSecrets) : null;
}

const tags = ['integrations'];

export const stripeSettingsRoutes: RouteModule = (app, { pool, secrets, config }) => {
  const answer = async (locationId: string): Promise<StripeIntegration> => {
    const r = await pool.query<{ secrets: string; updated_at: Date }>(
      `SELECT secrets, updated_at FROM integrations WHERE location_id = $1 AND provider = 'stripe'`,
      [locationId],
    );
    const row = r.rows[0];
    return {
      connected: !!row,
      webhookUrl: `${config.publicUrl}/webhooks/stripe/${locationId}`,
      hasSecretKey: !!row && !!(JSON.parse(secrets.decrypt(row.secrets)) as StripeSecrets).secretKey,
      connectedAt: row ? row.updated_at.toISOString() : null,
    };
  };

  app.get('/integrations/stripe', {
    schema: { tags, summary: 'Whether Stripe is connected (secrets are never returned), and the webhook URL to give Stripe', response: { 200: StripeIntegrationSchema } },
    handler: (req) => answer(req.auth.locationId),
  });

  app.put('/integrations/stripe', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Connect Stripe: the webhook endpoint signing secret (whsec_…) and optionally the secret key; replaces earlier ones',
      body: StripeIntegrationPutSchema,
      response: { 200: StripeIntegrationSchema, 400: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (req) => {
      const sealed = secrets.encrypt(JSON.stringify({ webhookSecret: req.body.webhookSecret, ...(req.body.secretKey && { secretKey: req.body.secretKey }) }));
      await pool.query(
        `INSERT INTO integrations (location_id, provider, secrets) VALUES ($1, 'stripe', $2)
         ON CONFLICT (location_id, provider) DO UPDATE SET secrets = EXCLUDED.secrets, updated_at = now()`,
        [req.auth.locationId, sealed],
      );
      return answer(req.auth.locationId);
    },
  });

  app.delete('/integrations/stripe', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Disconnect Stripe (its webhooks then answer 404)', response: { 200: OkSchema, 403: ErrorBodySchema } },
    handler: async (req) => {
      await pool.query(`DELETE FROM integrations WHERE location_id = $1 AND provider = 'stripe'`, [req.auth.locationId]);
      return { ok: true as const };
    },
  });
};
