/** The signed-in user's preferences (kept in users.preferences, beside other keys it does not touch). */
import { ErrorBodySchema } from '#shared/errors';
import { DEFAULT_PREFERENCES, PreferencesPatchSchema, PreferencesSchema, type Preferences } from '#shared/preferences';
import type { Queryable } from '../db/pool';
import { requireUser } from '../http/authenticate';
import type { RouteModule } from '../http/types';
import { mergePreferences } from './merge';

const tags = ['auth'];

async function loadPreferences(db: Queryable, userId: string): Promise<Preferences> {
  const r = await db.query('SELECT preferences FROM users WHERE id = $1', [userId]);
  const stored = (r.rows[0]?.preferences ?? {}) as Record<string, unknown>;
  const out = { ...DEFAULT_PREFERENCES };
  for (const k of Object.keys(out) as (keyof Preferences)[]) if (typeof stored[k] === 'boolean') out[k] = stored[k];
  return out;
}

export const preferenceRoutes: RouteModule = (app, { pool }) => {
  app.get('/me/preferences', {
    schema: { tags, summary: 'My preferences', response: { 200: PreferencesSchema, 403: ErrorBodySchema } },
    handler: (req) => loadPreferences(pool, requireUser(req.auth)),
  });

  app.patch('/me/preferences', {
    schema: {
      tags,
      summary: 'Change my preferences (only the fields given)',
      body: PreferencesPatchSchema,
      response: { 200: PreferencesSchema, 400: ErrorBodySchema, 403: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      await mergePreferences(pool, userId, req.body);
      return loadPreferences(pool, userId);
    },
  });
};
