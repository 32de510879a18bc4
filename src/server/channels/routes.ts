import { ChannelSchema, TwilioChannelCreateSchema } from '#shared/channels';
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { z } from 'zod';
import { normalizePhoneOrThrow } from '../contacts/phone';
import { withTx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { CHANNEL_COLUMNS, listChannels, toChannel } from './store';
import { forgetTwilioChannels } from './twilio/webhook-auth';

const tags = ['channels'];

export const channelRoutes: RouteModule = (app, { pool, config, secrets }) => {
  app.get('/channels', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Connected channels (credentials are never returned)', response: { 200: z.object({ items: z.array(ChannelSchema) }) } },
    handler: async (req) => ({ items: await listChannels(pool, req.auth.locationId, config.publicUrl) }),
  });

  app.get('/channels/sms-numbers', {
    schema: {
      tags,
      summary: 'The location’s SMS numbers, for the composer’s From picker',
      response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), phoneNumber: z.string(), name: z.string(), isDefault: z.boolean() })) }) },
    },
    handler: async (req) => {
      const r = await pool.query(
        `SELECT id, phone_number, name, is_default FROM channels WHERE location_id = $1 AND type = 'twilio' ORDER BY is_default DESC, created_at`,
        [req.auth.locationId],
      );
      return { items: r.rows.map((c) => ({ id: c.id, phoneNumber: c.phone_number, name: c.name, isDefault: c.is_default })) };
    },
  });

  app.post('/channels', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Connect a Twilio number; the answer lists the webhook URLs to paste into Twilio',
      body: TwilioChannelCreateSchema,
      response: { 201: ChannelSchema, 400: ErrorBodySchema, 409: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { locationId } = req.auth;
      const b = req.body;
      const country = (await pool.query('SELECT country FROM locations WHERE id = $1', [locationId])).rows[0].country;
      const phone = normalizePhoneOrThrow(b.phoneNumber, country, 'body.phoneNumber');
      const forwarding = b.forwardingNumber ? normalizePhoneOrThrow(b.forwardingNumber, country, 'body.forwardingNumber') : undefined;
      try {
        const row = await withTx(pool, async (tx) => {
          const first = (await tx.query(`SELECT 1 FROM channels WHERE location_id = $1 AND type = 'twilio'`, [locationId])).rowCount === 0;
          if (b.isDefault) await tx.query(`UPDATE channels SET is_default = false WHERE location_id = $1 AND type = 'twilio'`, [locationId]);
          const r = await tx.query(
            `INSERT INTO channels (location_id, type, name, phone_number, account_sid, secrets, config, is_default)
             VALUES ($1, 'twilio', $2, $3, $4, $5, $6, $7) RETURNING ${CHANNEL_COLUMNS}`,
            [
              locationId,
              b.name ?? `Twilio ${phone}`,
              phone,
              b.accountSid,
              secrets.encrypt(JSON.stringify({ authToken: b.authToken })),
              JSON.stringify({ ...(forwarding && { forwardingNumber: forwarding }), ...(b.helpText && { helpText: b.helpText }) }),
              b.isDefault ?? first,
            ],
          );
          return r.rows[0];
        });
        forgetTwilioChannels(pool);
        return reply.status(201).send(toChannel(row, config.publicUrl));
      } catch (err) {
        if ((err as { code?: string }).code === '23505') throw new AppError(409, 'number_in_use', `${phone} is already connected.`);
        throw err;
      }
    },
  });

  app.delete('/channels/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Disconnect a channel', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      const r = await pool.query('DELETE FROM channels WHERE location_id = $1 AND id = $2', [req.auth.locationId, req.params.id]);
      if (r.rowCount === 0) throw notFound('Channel');
      forgetTwilioChannels(pool);
      return { ok: true as const };
    },
  });
};
