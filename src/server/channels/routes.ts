/**
 * /api/v1/channels: connecting providers (admins). Provider-agnostic: the body's `type` picks the
 * adapter, whose connection part checks what was entered and says what to store; secrets are
 * sealed and never answered back; an address another connection has is 409.
 */
import { ChannelCreateSchema, ChannelSchema, type Channel } from '#shared/channels';
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { z } from 'zod';
import { withTx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import type { Deps, RouteModule } from '../http/types';
import type { Address, Connection } from './adapter';
import { allConnections, connectedProviders, deleteConnection, insertConnection, connectionsOf } from './store';
import { openStreams, streamsOf, type StreamRow } from '../sync/streams';

const tags = ['channels'];

/** The API's view of a connection: common fields, then what its adapter shows. */
export function toChannel(deps: Deps, c: Connection & { addresses: Address[] }, streams: StreamRow[] = []): Channel {
  const shown = deps.channels.forProvider(c.provider)?.connection?.describe(c, deps.config.publicUrl) ?? {};
  const { phoneNumber, accountSid, forwardingNumber, helpText, webhooks, ...details } = shown as Record<string, any>;
  return {
    id: c.id,
    type: c.provider,
    name: c.name,
    status: c.status,
    lastError: c.lastError,
    isDefault: c.isDefault,
    addresses: c.addresses,
    phoneNumber: phoneNumber ?? null,
    accountSid: accountSid ?? null,
    forwardingNumber: forwardingNumber ?? null,
    helpText: helpText ?? null,
    webhooks: webhooks ?? {},
    details,
    sync: streams
      .filter((s) => s.channelId === c.id)
      .map((s) => ({
        stream: s.stream,
        stage: s.stage,
        lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
        lastError: s.lastError,
        lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
        failures: s.failures,
        itemsImported: s.itemsImported,
        nextRunAt: s.nextRunAt.toISOString(),
      })),
    createdAt: c.createdAt.toISOString(),
  };
}

export const channelRoutes: RouteModule = (app, deps) => {
  const { pool, secrets } = deps;

  app.get('/channels', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Connected channels (credentials are never returned)', response: { 200: z.object({ items: z.array(ChannelSchema) }) } },
    handler: async (req) => {
      const streams = await streamsOf(pool, req.auth.locationId);
      return { items: (await allConnections(pool, secrets, req.auth.locationId)).map((c) => toChannel(deps, c, streams)) };
    },
  });

  app.get('/channels/connected', {
    schema: {
      tags,
      summary: 'The providers connected to the location (what the send rules call connected; for the composer)',
      response: { 200: z.object({ providers: z.array(z.string()) }) },
    },
    handler: async (req) => ({ providers: await connectedProviders(pool, req.auth.locationId) }),
  });

  app.get('/channels/sms-numbers', {
    schema: {
      tags,
      summary: 'The location’s SMS numbers, for the composer’s From picker',
      response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), phoneNumber: z.string(), name: z.string(), isDefault: z.boolean() })) }) },
    },
    handler: async (req) => {
      const numbers = await connectionsOf(pool, secrets, req.auth.locationId, 'twilio');
      return { items: numbers.map((c) => ({ id: c.id, phoneNumber: c.config.phoneNumber as string, name: c.name, isDefault: c.isDefault })) };
    },
  });

  app.post('/channels', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Connect a provider channel; the answer lists the webhook URLs to paste into the provider',
      body: ChannelCreateSchema,
      response: { 201: ChannelSchema, 400: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { locationId } = req.auth;
      const adapter = deps.channels.forProvider(req.body.type);
      if (!adapter?.connection) throw new AppError(422, 'provider_not_supported', `${req.body.type} channels cannot be connected on this server.`);
      const stored = await adapter.connection.connect(deps, locationId, req.body);
      try {
        const sync = adapter.inbound?.sync;
        const conn = await withTx(pool, async (tx) => {
          const c = await insertConnection(tx, secrets, locationId, adapter.provider, stored);
          // Its pull-sync streams start with it (their first pull is queued in this transaction).
          if (sync) await openStreams(tx, locationId, c.id, sync.streams(c), sync.initialCursor?.(c));
          return c;
        });
        deps.channels.forget();
        return reply.status(201).send(toChannel(deps, { ...conn, addresses: stored.addresses }, sync ? await streamsOf(pool, locationId) : []));
      } catch (err) {
        if ((err as { code?: string }).code === '23505') {
          const taken = stored.addresses.map((a) => a.address).join(', ');
          throw new AppError(409, stored.addresses[0]?.kind === 'twilio_number' ? 'number_in_use' : 'address_in_use', `${taken} is already connected.`);
        }
        throw err;
      }
    },
  });

  app.delete('/channels/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Disconnect a channel', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      if (!(await deleteConnection(pool, req.auth.locationId, req.params.id))) throw notFound('Channel');
      deps.channels.forget();
      return { ok: true as const };
    },
  });
};
