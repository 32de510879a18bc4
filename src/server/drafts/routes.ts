import { IdParams, OkSchema } from '#shared/common';
import { DraftPutSchema, DraftSchema } from '#shared/drafts';
import { ErrorBodySchema } from '#shared/errors';
import { AppError } from '../http/errors';
import type { RouteModule } from '../http/types';
import { clearDraft, getDraft, putDraft } from './service';

const tags = ['drafts'];

/** Drafts belong to a team member: an API key (no user) has none. */
function userOf(auth: { userId: string | null }): string {
  if (!auth.userId) throw new AppError(403, 'forbidden', 'Drafts belong to a team member: sign in to use them.');
  return auth.userId;
}

export const draftRoutes: RouteModule = (app, { pool }) => {
  app.get('/conversations/:id/draft', {
    schema: {
      tags,
      summary: "Your draft in a conversation (updatedAt null: none)",
      params: IdParams,
      response: { 200: DraftSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: (req) => getDraft(pool, req.auth.locationId, userOf(req.auth), req.params.id),
  });

  app.put('/conversations/:id/draft', {
    schema: {
      tags,
      summary: 'Save your draft in a conversation (an empty one is deleted); a sent reply clears it',
      params: IdParams,
      body: DraftPutSchema,
      response: { 200: DraftSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: (req) => putDraft(pool, req.auth.locationId, userOf(req.auth), req.params.id, req.body),
  });

  app.delete('/conversations/:id/draft', {
    schema: { tags, summary: 'Delete your draft in a conversation', params: IdParams, response: { 200: OkSchema, 403: ErrorBodySchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      const userId = userOf(req.auth);
      await getDraft(pool, req.auth.locationId, userId, req.params.id); // 404 for another location's conversation
      await clearDraft(pool, req.auth.locationId, userId, req.params.id);
      return { ok: true as const };
    },
  });
};
