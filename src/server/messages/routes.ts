import { z } from 'zod';
import { IdParams, listOf, ListQuery } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { MessageSchema, SendMessageSchema } from '#shared/messages';
import { AppError, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { listMessages } from './list';
import { listAround } from './around';
import { retryMessage, sendMessage } from './send';

const tags = ['messages'];

export const messageRoutes: RouteModule = (app, deps) => {
  const { pool } = deps;
  app.get('/conversations/:id/messages', {
    schema: {
      tags,
      summary: 'Timeline items of a conversation, newest first',
      description: 'around=<messageId> (jump to a message): the items from the newest down to that message and `limit` older ones.',
      params: IdParams,
      querystring: ListQuery.extend({ around: z.uuid().optional().describe('A message of this conversation to load the thread down to') }),
      response: { 200: listOf(MessageSchema), 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: async (req) => {
      const c = await pool.query('SELECT 1 FROM conversations WHERE location_id = $1 AND id = $2', [req.auth.locationId, req.params.id]);
      if (c.rowCount === 0) throw notFound('Conversation');
      const { around, ...page } = req.query;
      if (around) return listAround(pool, req.auth.locationId, req.params.id, around, page.limit);
      return listMessages(pool, req.auth.locationId, req.params.id, page);
    },
  });

  app.post('/conversations/:id/messages', {
    schema: {
      tags,
      summary: 'Reply on a channel (SMS, Email, WhatsApp, FB, IG, Live_Chat, GMB)',
      description:
        'Stored at once as queued (provider channels) or sent (web chat). Refused before any provider call with ' +
        '422 dnd_active, 422 messaging_window_closed, 422 channel_not_connected, 404 for an unknown attachment.',
      params: IdParams,
      body: SendMessageSchema,
      response: { 201: MessageSchema, 400: ErrorBodySchema, 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await sendMessage(deps, req.auth.locationId, req.auth.userId, req.params.id, req.body)),
  });

  app.post('/messages/:id/retry', {
    schema: {
      tags,
      summary: 'Retry a failed outbound message (the send rules are checked again)',
      params: IdParams,
      response: { 200: MessageSchema, 404: ErrorBodySchema, 422: ErrorBodySchema },
    },
    handler: (req) => retryMessage(deps, req.auth.locationId, req.params.id),
  });
};
