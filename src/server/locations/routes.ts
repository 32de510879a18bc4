import { ErrorBodySchema } from '#shared/errors';
import { LocationPatchSchema, LocationSchema } from '#shared/team';
import { notFound } from '../http/errors';
import { DEFAULT_OPT_OUT_LINE } from '#shared/sms';
import type { RouteModule } from '../http/types';

const tags = ['location'];
const LOCATION_COLUMNS = `id, name, timezone, country, coalesce(settings->>'smsOptOutLine', '${DEFAULT_OPT_OUT_LINE}') AS "smsOptOutLine"`;

export const locationRoutes: RouteModule = (app, { pool }) => {
  app.get('/location', {
    schema: { tags, summary: 'The current location', response: { 200: LocationSchema } },
    handler: async (req) => {
      const r = await pool.query(`SELECT ${LOCATION_COLUMNS} FROM locations WHERE id = $1`, [req.auth.locationId]);
      if (!r.rows[0]) throw notFound('Location');
      return r.rows[0];
    },
  });

  app.patch('/location', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Rename the location, change its time zone or country', body: LocationPatchSchema, response: { 200: LocationSchema, 400: ErrorBodySchema } },
    handler: async (req) => {
      const { name, timezone, country, smsOptOutLine } = req.body;
      const r = await pool.query(
        `UPDATE locations SET name = coalesce($2, name), timezone = coalesce($3, timezone), country = coalesce($4, country),
                settings = CASE WHEN $5::text IS NULL THEN settings ELSE settings || jsonb_build_object('smsOptOutLine', $5::text) END,
                updated_at = now()
          WHERE id = $1 RETURNING ${LOCATION_COLUMNS}`,
        [req.auth.locationId, name ?? null, timezone ?? null, country ?? null, smsOptOutLine ?? null],
      );
      return r.rows[0];
    },
  });
};
