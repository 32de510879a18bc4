/**
 * The widget's HTTP API under /widget/v1/{locationId}: no session cookie; the origin guard
 * (guard.ts) runs first, then the visitor token where one is needed.
 */
import { z } from 'zod';
import { ErrorBodySchema } from '#shared/errors';
import { OkSchema } from '#shared/common';
import {
  TypingBodySchema,
  VisitorCreatedSchema,
  VisitorProfileAnswerSchema,
  VisitorProfileSchema,
  WidgetConfigSchema,
  WidgetMessageCreateSchema,
  WidgetMessageListSchema,
  WidgetMessageQuery,
  WidgetMessageSchema,
} from '#shared/webchat';
import type { App, Deps } from '../../http/types';
import { visitorOf } from './guard';
import { LIMITS } from './limits';
import { listVisitorMessages, postVisitorMessage } from './messages';
import { updateVisitorProfile } from './profile';
import { createVisitor } from './visitors';

const tags = ['web chat widget'];
const LocationParams = z.object({ locationId: z.uuid() });
const errors = { 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema };
const bearer = 'Needs the visitor token: Authorization: Bearer <visitorToken>.';

export function widgetApiRoutes(app: App, deps: Deps): void {
  const { pool, hub, config } = deps;
  app.get('/widget/v1/:locationId/config', {
    config: { widgetLimits: [LIMITS.config] },
    schema: { tags, summary: 'What the widget header shows', params: LocationParams, response: { 200: WidgetConfigSchema, ...errors } },
    handler: async (req) => {
      const { name, greeting, color } = req.widgetLocation;
      return { locationName: name, greeting, color, online: true, maxUploadBytes: config.webchatMaxUploadBytes };
    },
  });

  app.post('/widget/v1/:locationId/visitors', {
    config: { widgetLimits: [LIMITS.createVisitor] },
    schema: {
      tags,
      summary: 'Start a visitor: the token is shown once (keep it in localStorage)',
      params: LocationParams,
      response: { 201: VisitorCreatedSchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await createVisitor(pool, req.widgetLocation.id)),
  });

  app.get('/widget/v1/:locationId/messages', {
    config: { widgetLimits: [LIMITS.read] },
    schema: {
      tags,
      summary: 'The visitor’s web chat messages, oldest first',
      description: `${bearer} Only web chat items of the visitor's own conversation; never internal comments or other channels.`,
      params: LocationParams,
      querystring: WidgetMessageQuery,
      response: { 200: WidgetMessageListSchema, ...errors },
    },
    handler: async (req) => listVisitorMessages(pool, await visitorOf(req, pool), req.query),
  });

  app.post('/widget/v1/:locationId/messages', {
    config: { widgetLimits: [LIMITS.send] },
    schema: {
      tags,
      summary: 'Send a message as the visitor (the first one creates the contact and conversation)',
      description: `${bearer} Text, files the visitor uploaded (POST …/attachments), or both; another visitor's upload answers 404.`,
      params: LocationParams,
      body: WidgetMessageCreateSchema,
      response: { 201: WidgetMessageSchema, 400: ErrorBodySchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await postVisitorMessage(deps, await visitorOf(req, pool), req.body)),
  });

  app.put('/widget/v1/:locationId/profile', {
    config: { widgetLimits: [LIMITS.profile] },
    schema: {
      tags,
      summary: 'The visitor’s name, e-mail and phone ("Leave your details")',
      description: `${bearer} The name names the contact; e-mail and phone are shown to the team as unverified details (never used to match SMS, calls or e-mail to the contact).`,
      params: LocationParams,
      body: VisitorProfileSchema,
      response: { 200: VisitorProfileAnswerSchema, 400: ErrorBodySchema, ...errors },
    },
    handler: async (req) => updateVisitorProfile(pool, await visitorOf(req, pool), req.widgetLocation.country, req.body),
  });

  app.post('/widget/v1/:locationId/typing', {
    config: { widgetLimits: [LIMITS.typing] },
    schema: {
      tags,
      summary: 'The visitor is typing (or stopped): shown to the team live',
      description: bearer,
      params: LocationParams,
      body: TypingBodySchema,
      response: { 200: OkSchema, ...errors },
    },
    handler: async (req) => {
      const v = await visitorOf(req, pool);
      // Before the first message there is no conversation for anyone to watch.
      if (v.conversationId) {
        await hub.publishTyping({ locationId: v.locationId, conversationId: v.conversationId, who: 'visitor', name: v.name ?? 'Visitor', typing: req.body.typing });
      }
      return { ok: true as const };
    },
  });
}
