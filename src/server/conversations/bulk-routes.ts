/** Deleting a conversation, and bulk actions over a selection of conversations. */
import { OkSchema, IdParams } from '#shared/common';
import { BulkRequestSchema, BulkResultSchema } from '#shared/bulk';
import { ErrorBodySchema } from '#shared/errors';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { deleteConversation, runBulk } from './bulk';

const tags = ['conversations'];

export const conversationBulkRoutes: RouteModule = (app, deps) => {
  app.delete('/conversations/:id', {
    schema: {
      tags,
      summary: 'Delete a conversation permanently: its messages and attachments too (the contact stays)',
      params: IdParams,
      response: { 200: OkSchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      if (!(await deleteConversation(deps, req.auth, req.params.id))) throw notFound('Conversation');
      return { ok: true as const };
    },
  });

  app.post('/conversations/bulk', {
    schema: {
      tags,
      summary: 'Apply one action to up to 100 conversations: read, unread, star, unstar, close, reopen, assign, delete',
      description:
        'Answers which conversations were done and which were refused (unknown, another location’s, or not visible to an ' +
        '"only assigned" member: not_found); refused ones are never changed. read counts as reading them.',
      body: BulkRequestSchema,
      response: { 200: BulkResultSchema, 400: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: (req) => runBulk(deps, req.auth, req.body),
  });
};
