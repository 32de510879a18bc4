import { SearchQuery, SearchResultSchema } from '#shared/search';
import { ErrorBodySchema } from '#shared/errors';
import type { Queryable } from '../db/pool';
import type { AuthContext, RouteModule } from '../http/types';
import { searchContacts } from './contacts';
import { searchMessages } from './messages';
import { parseTerms } from './terms';

export const searchRoutes: RouteModule = (app, { pool }) => {
  app.get('/search', {
    schema: {
      tags: ['search'],
      summary: 'Search contacts (name, e-mail, phone in any format) and message text, ranked and highlighted',
      description:
        'Whole words and word prefixes (full-text search, "book" finds "booking"), parts of words ("facial" finds ' +
        '"HydraFacial") and phone digits in any format ("(917) 381", "917-381", "+1917381"). Messages are ranked: the ' +
        'exact phrase first, then whole words close together, then partial matches. Highlights are plain-text segments ' +
        '({text, match}), never HTML. Members with the "only assigned" permission find only their conversations.',
      querystring: SearchQuery,
      response: { 200: SearchResultSchema, 400: ErrorBodySchema },
    },
    handler: async (req) => {
      const { q, type, limit } = req.query;
      const { locationId } = req.auth;
      const terms = parseTerms(q);
      const restrictTo = await onlyAssignedTo(pool, req.auth);
      const [contacts, messages] = await Promise.all([
        type === 'messages' ? [] : searchContacts(pool, locationId, terms, limit, restrictTo),
        type === 'contacts' ? [] : searchMessages(pool, locationId, terms, limit, restrictTo),
      ]);
      return { contacts, messages };
    },
  });
};

/** The caller's user id when their membership has the "only assigned" permission, else null. */
async function onlyAssignedTo(db: Queryable, auth: AuthContext): Promise<string | null> {
  if (!auth.userId) return null;
  const r = await db.query<{ only: boolean | null }>(
    `SELECT permissions ->> 'onlyAssigned' = 'true' AS only FROM memberships WHERE location_id = $1 AND user_id = $2`,
    [auth.locationId, auth.userId],
  );
  return r.rows[0]?.only ? auth.userId : null;
}
