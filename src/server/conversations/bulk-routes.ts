/** Deleting a conversation (admins only), and bulk actions over a selection of conversations. */
import { OkSchema, IdParams } from '#shared/common';
import { BulkRequestSchema, BulkResultSchema } from '#shared/bulk';
import { ErrorBodySchema } from '#shared/errors';
import { forbidden, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { deleteConversation, runBulk } from './bulk';

const tags = ['conversations'];
/** Deleting loses the thread for everyone (it cannot be undone): an admin's decision. */
const DELETE_IS_ADMINS = 'Only admins can delete conversations.';

export const conversationBulkRoutes: RouteModule = (app, deps) => {
  app.delete('/conversations/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Delete a conversation permanently: its messages and attachments too (the contact stays). Admins only',
      params: IdParams,
      response: { 200: OkSchema, 403: ErrorBodySchema, 404: ErrorBodySchema },
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
        '"only assigned" member: not_found); refused ones are never changed. read counts as reading them. delete is for ' +
        'admins only (403 for team members, nothing changed).',
      body: BulkRequestSchema,
      response: { 200: BulkResultSchema, 400: ErrorBodySchema, 403: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: (req) => {
      if (req.body.action === 'delete' && req.auth.role !== 'admin') throw forbidden(DELETE_IS_ADMINS);
      return runBulk(deps, req.auth, req.body);
    },
  });
};
