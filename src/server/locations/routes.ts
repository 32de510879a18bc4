import { ErrorBodySchema } from '#shared/errors';
import { LocationPatchSchema, LocationSchema } from '#shared/team';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';

const tags = ['location'];

export const locationRoutes: RouteModule = (app, { pool }) => {
  app.get('/location', {
    schema: { tags, summary: 'The current location', response: { 200: LocationSchema } },
    handler: async (req) => {
      const r = await pool.query('SELECT id, name, timezone, country FROM locations WHERE id = $1', [req.auth.locationId]);
      if (!r.rows[0]) throw notFound('Location');
      return r.rows[0];
    },
  });

  app.patch('/location', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Rename the location, change its time zone or country', body: LocationPatchSchema, response: { 200: LocationSchema, 400: ErrorBodySchema } },
    handler: async (req) => {
      const { name, timezone, country } = req.body;
      const r = await pool.query(
        `UPDATE locations SET name = coalesce($2, name), timezone = coalesce($3, timezone), country = coalesce($4, country),
                updated_at = now()
          WHERE id = $1 RETURNING id, name, timezone, country`,
        [req.auth.locationId, name ?? null, timezone ?? null, country ?? null],
      );
      return r.rows[0];
    },
  });
};
