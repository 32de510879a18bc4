/**
 * POST /api/v1/conversations/{id}/presence: the signed-in team member is viewing the conversation
 * (repeat every ~20 s while it stays open; false when leaving it) and/or typing in it. Team only:
 * the web chat visitor never sees these (web chat replies use /typing, which the visitor sees).
 * Ephemeral like typing: NOTIFY to every process, never logged.
 */
import { z } from 'zod';
import { IdParams, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { requireUser } from '../http/authenticate';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';

const PresenceBodySchema = z
  .object({
    viewing: z.boolean().optional().describe('true while the conversation is open (repeat every ~20 s), false on leaving'),
    typing: z.boolean().optional().describe('Writing a reply or an internal comment (team only)'),
  })
  .refine((b) => b.viewing !== undefined || b.typing !== undefined, { message: 'viewing or typing is required' });

export const presenceRoutes: RouteModule = (app, { pool, hub }) => {
  app.post('/conversations/:id/presence', {
    schema: {
      tags: ['realtime'],
      summary: 'I am viewing (or left) / typing in a conversation: shown live to the other team members',
      params: IdParams,
      body: PresenceBodySchema,
      response: { 200: OkSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const userId = requireUser(req.auth);
      const { locationId } = req.auth;
      const r = await pool.query<{ name: string }>(
        'SELECT u.name FROM conversations c, users u WHERE c.location_id = $1 AND c.id = $2 AND u.id = $3',
        [locationId, req.params.id, userId],
      );
      if (!r.rows[0]) throw notFound('Conversation');
      const who = { locationId, conversationId: req.params.id, who: userId, name: r.rows[0].name };
      if (req.body.viewing !== undefined) await hub.publishPresence({ ...who, viewing: req.body.viewing });
      if (req.body.typing !== undefined) await hub.publishTyping({ ...who, typing: req.body.typing, team: true });
      return { ok: true as const };
    },
  });
};
