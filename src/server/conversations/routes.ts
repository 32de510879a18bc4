import { z } from 'zod';
import { IdParams } from '#shared/common';
import {
  ConversationCountsSchema,
  ConversationListQuery,
  ConversationPageSchema,
  ConversationPatchSchema,
  ConversationSchema,
} from '#shared/conversations';
import { ErrorBodySchema } from '#shared/errors';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { contactVisible } from '../contacts/access';
import { canSee, visibleListQuery } from './access';
import { countsFor, loadCounts } from './counts';
import { emptyPage, listConversations } from './list';
import { loadConversation } from './queries';
import { patchConversation, startConversation } from './service';

const tags = ['conversations'];

export const conversationRoutes: RouteModule = (app, { pool }) => {
  app.get('/conversations', {
    schema: {
      tags,
      summary: 'List conversations (tabs and filters, combinable; newest first by default, cursor pagination)',
      description:
        'Filters: status (tab), assignedTo (me, unassigned, a user id), channel and direction of the last message, state, ' +
        'dateFrom (inclusive) / dateTo (exclusive) on the last message time, mentions=me. Pages after the first leave out ' +
        'conversations that moved since the first page; they arrive as events on /api/v1/ws?since=<snapshot of the first page>.',
      querystring: ConversationListQuery.extend({
        q: z.string().trim().max(200).optional().describe('Contact name, e-mail or phone in any format (partial), or message text; matched like GET /api/v1/search'),
      }),
      response: { 200: ConversationPageSchema, 400: ErrorBodySchema },
    },
    handler: (req) => {
      // "Only assigned" members: their own conversations, whatever the filter asks.
      const q = visibleListQuery(req.auth, req.query);
      return q ? listConversations(pool, req.auth.locationId, req.auth.userId, q) : emptyPage(pool, req.auth.locationId);
    },
  });

  app.get('/conversations/counts', {
    schema: {
      tags,
      summary: 'Tab counts (Unread, Recents, Starred, All), in total and per assignee',
      description: 'Kept up to date in the transaction of every change (never counted per request); the counts.updated event carries the same document.',
      response: { 200: ConversationCountsSchema },
    },
    handler: async (req) => countsFor(await loadCounts(pool, req.auth.locationId), req.auth.onlyAssigned ? req.auth.userId : null),
  });

  app.post('/conversations', {
    schema: {
      tags,
      summary: 'Start (or get) the conversation of a contact',
      body: z.object({ contactId: z.uuid() }),
      response: { 200: ConversationSchema, 201: ConversationSchema, 404: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const { auth } = req;
      // "Only assigned": a contact is theirs only through a conversation assigned to them — starting
      // one would otherwise hand them any contact that has none yet (and its records with it).
      if (!(await contactVisible(pool, auth, req.body.contactId))) throw notFound('Contact');
      const { conversation, created } = await startConversation(pool, auth.locationId, req.body.contactId);
      if (!canSee(auth, conversation.assignedTo)) throw notFound('Conversation');
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
    handler: (req) => patchConversation(pool, req.auth.locationId, req.params.id, req.body, req.auth),
  });
};

