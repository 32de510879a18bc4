import { z } from 'zod';
import { IdParams, listOf } from '#shared/common';
import { ConversationListQuery, ConversationPatchSchema, ConversationSchema } from '#shared/conversations';
import { ErrorBodySchema } from '#shared/errors';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { listConversations } from './list';
import { loadConversation } from './queries';
import { patchConversation, startConversation } from './service';

const tags = ['conversations'];

export const conversationRoutes: RouteModule = (app, { pool }) => {
  app.get('/conversations', {
    schema: {
      tags,
      summary: 'List conversations (newest first by default, cursor pagination)',
      querystring: ConversationListQuery.extend({
        q: z.string().trim().max(200).optional().describe('Contact name, e-mail or phone (partial)'),
      }),
      response: { 200: listOf(ConversationSchema), 400: ErrorBodySchema },
    },
    handler: (req) => listConversations(pool, req.auth.locationId, req.auth.userId, req.query),
  });

  app.post('/conversations', {
    schema: {
      tags,
      summary: 'Start (or get) the conversation of a contact',
      body: z.object({ contactId: z.uuid() }),
      response: { 200: ConversationSchema, 201: ConversationSchema, 404: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { conversation, created } = await startConversation(pool, req.auth.locationId, req.body.contactId);
      return reply.status(created ? 201 : 200).send(conversation);
    },
  });

  app.get('/conversations/:id', {
    schema: { tags, summary: 'Get a conversation', params: IdParams, response: { 200: ConversationSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      const c = await loadConversation(pool, req.auth.locationId, req.params.id);
      if (!c) throw notFound('Conversation');
      return c;
    },
  });

  app.patch('/conversations/:id', {
    schema: {
      tags,
      summary: 'Star, mark read/unread, assign, close or reopen',
      params: IdParams,
      body: ConversationPatchSchema,
      response: { 200: ConversationSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: (req) => patchConversation(pool, req.auth.locationId, req.params.id, req.body),
  });
};

