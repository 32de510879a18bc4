import { z } from 'zod';
import { notFound } from '../http/errors';
import type { App, Deps } from '../http/types';
import { verifyMediaSignature } from './signed-url';

/** GET /media/:locationId/:id?exp=&sig= — an attachment behind a signed, expiring link (for providers). */
export function publicMediaRoutes(app: App, { pool, storage, secrets }: Deps): void {
  app.get('/media/:locationId/:id', {
    schema: {
      hide: true,
      params: z.object({ locationId: z.uuid(), id: z.uuid() }),
      querystring: z.object({ exp: z.coerce.number().int(), sig: z.string().max(100) }),
    },
    handler: async (req, reply) => {
      const { locationId, id } = req.params;
      if (!verifyMediaSignature(secrets.signingKey, locationId, id, req.query.exp, req.query.sig)) throw notFound('Media');
      const r = await pool.query('SELECT content_type, size, storage_key FROM attachments WHERE location_id = $1 AND id = $2', [locationId, id]);
      if (!r.rows[0]) throw notFound('Media');
      return reply
        .header('Content-Type', r.rows[0].content_type)
        .header('Content-Length', String(r.rows[0].size))
        .header('X-Content-Type-Options', 'nosniff')
        .send(await storage.get(r.rows[0].storage_key));
    },
  });
}
