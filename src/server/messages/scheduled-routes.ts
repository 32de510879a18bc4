import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { MessageSchema, ScheduledPatchSchema } from '#shared/messages';
import type { RouteModule } from '../http/types';
import { cancelScheduled, editScheduled } from './schedule';

const tags = ['messages'];
const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

/** Send later: a message stored with scheduledAt waits with status scheduled until its time. */
export const scheduledMessageRoutes: RouteModule = (app, deps) => {
  app.patch('/messages/:id', {
    schema: {
      tags,
      summary: 'Edit a scheduled message: its body, subject or time (409 not_scheduled once sent or cancelled)',
      description:
        'scheduledAt as on POST …/messages: an instant, or a wall-clock time in timezone (default: the location’s). ' +
        'Merge fields are checked again (422 merge_field_unknown / merge_field_empty).',
      params: IdParams,
      body: ScheduledPatchSchema,
      response: { 200: MessageSchema, ...errors },
    },
    handler: (req) => editScheduled(deps, req.auth.locationId, req.params.id, req.body),
  });

  app.post('/messages/:id/cancel', {
    schema: {
      tags,
      summary: 'Cancel a scheduled message: it stays in the thread with status canceled (error code canceled)',
      params: IdParams,
      response: { 200: MessageSchema, ...errors },
    },
    handler: (req) => cancelScheduled(deps, req.auth.locationId, req.params.id),
  });
};
