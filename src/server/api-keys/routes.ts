import { ApiKeyCreatedSchema, ApiKeyCreateSchema, ApiKeySchema } from '#shared/auth';
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { z } from 'zod';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { newApiKey } from './keys';

const tags = ['api-keys'];
/** Keys are managed by people (a session, never a key): a leaked key cannot mint or keep alive other keys. */
const config = { access: 'admin', peopleOnly: true } as const;

export const apiKeyRoutes: RouteModule = (app, { pool, hub }) => {

  app.post('/api-keys', {
    config,
    schema: { tags, summary: 'Create an API key (shown only in this response)', body: ApiKeyCreateSchema, response: { 201: ApiKeyCreatedSchema } },
    handler: async (req, reply) => {
      const { key, prefix, hash } = newApiKey(req.auth.locationId);
      const r = await pool.query(
        `INSERT INTO api_keys (location_id, name, key_prefix, key_hash, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [req.auth.locationId, req.body.name, prefix, hash, req.auth.userId],
      );
      return reply.status(201).send({ id: r.rows[0].id, name: req.body.name, key });
    },
  });

  app.get('/api-keys', {
    config,
    schema: { tags, summary: 'List API keys (never the keys themselves), with who made each', response: { 200: z.object({ items: z.array(ApiKeySchema) }) } },
    handler: async (req) => {
      const r = await pool.query(
        `SELECT k.id, k.name, k.key_prefix, k.created_at, k.last_used_at, k.created_by, u.name AS created_by_name
           FROM api_keys k LEFT JOIN users u ON u.id = k.created_by
          WHERE k.location_id = $1 ORDER BY k.created_at DESC`,
        [req.auth.locationId],
      );
      return {
        items: r.rows.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.key_prefix,
          createdAt: k.created_at.toISOString(),
          lastUsedAt: k.last_used_at?.toISOString() ?? null,
          createdBy: k.created_by ? { id: k.created_by, name: k.created_by_name } : null,
        })),
      };
    },
  });

  app.delete('/api-keys/:id', {
    config,
    schema: { tags, summary: 'Revoke an API key', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      const r = await pool.query('DELETE FROM api_keys WHERE location_id = $1 AND id = $2', [req.auth.locationId, req.params.id]);
      if (r.rowCount === 0) throw notFound('API key');
      await hub.revokeApiKey(req.params.id);
      return { ok: true as const };
    },
  });
};
