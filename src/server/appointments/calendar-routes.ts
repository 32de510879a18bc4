import { IdParams, listOf, OkSchema } from '#shared/common';
import { CalendarCreateSchema, CalendarPatchSchema, CalendarSchema } from '#shared/appointments';
import { ErrorBodySchema } from '#shared/errors';
import type { RouteModule } from '../http/types';
import { createCalendar, deleteCalendar, getCalendar, listCalendars, updateCalendar } from './calendars';

const tags = ['calendars'];
const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

/** /api/v1/calendars: everyone reads, admins write. A location without calendars gets "Treatments". */
export const calendarRoutes: RouteModule = (app, { pool }) => {
  app.get('/calendars', {
    schema: { tags, summary: 'List calendars (creates the default one when the location has none)', response: { 200: listOf(CalendarSchema) } },
    handler: async (req) => ({ items: await listCalendars(pool, req.auth.locationId), nextCursor: null }),
  });

  app.post('/calendars', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a calendar', body: CalendarCreateSchema, response: { 201: CalendarSchema, ...errors } },
    handler: async (req, reply) => reply.status(201).send(await createCalendar(pool, req.auth.locationId, req.body)),
  });

  app.get('/calendars/:id', {
    schema: { tags, summary: 'Get a calendar', params: IdParams, response: { 200: CalendarSchema, 404: ErrorBodySchema } },
    handler: (req) => getCalendar(pool, req.auth.locationId, req.params.id),
  });

  app.patch('/calendars/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Update a calendar (teamMemberIds replaces the team)', params: IdParams, body: CalendarPatchSchema, response: { 200: CalendarSchema, ...errors } },
    handler: (req) => updateCalendar(pool, req.auth.locationId, req.params.id, req.body),
  });

  app.delete('/calendars/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a calendar (409 calendar_in_use while it has appointments, cancelled and past ones included; 409 last_calendar for the only one)', params: IdParams, response: { 200: OkSchema, ...errors } },
    handler: async (req) => {
      await deleteCalendar(pool, req.auth.locationId, req.params.id);
      return { ok: true as const };
    },
  });
};
