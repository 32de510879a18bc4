import { IdParams, listOf, OkSchema } from '#shared/common';
import {
  AppointmentCreateSchema,
  AppointmentListQuery,
  AppointmentPatchSchema,
  AppointmentRescheduleSchema,
  AppointmentSchema,
} from '#shared/appointments';
import { ErrorBodySchema } from '#shared/errors';
import type { RouteModule } from '../http/types';
import { calendarRoutes } from './calendar-routes';
import { createAppointment, deleteAppointment, getAppointment, listAppointments, updateAppointment } from './service';
import { restrictedTo } from '../contacts/access';

const tags = ['appointments'];
const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };
const CONFLICT = '409 appointment_conflict names the overlapping appointment of the same team member (details.conflict).';

/** /api/v1/appointments (and /api/v1/calendars). Every write leaves an Activity Card in the contact's conversation. */
export const appointmentRoutes: RouteModule = (app, deps) => {
  const { pool } = deps;
  calendarRoutes(app, deps);

  app.get('/appointments', {
    schema: { tags, summary: 'List appointments, soonest first', querystring: AppointmentListQuery, response: { 200: listOf(AppointmentSchema), 400: ErrorBodySchema } },
    handler: (req) => listAppointments(pool, req.auth.locationId, req.query, restrictedTo(req.auth)),
  });

  app.post('/appointments', {
    schema: {
      tags,
      summary: 'Book an appointment',
      description: `Give startTime (an instant) or date + time (wall clock in timezone), and endTime or durationMinutes. ${CONFLICT}`,
      body: AppointmentCreateSchema,
      response: { 201: AppointmentSchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await createAppointment(pool, req.auth, req.body)),
  });

  app.get('/appointments/:id', {
    schema: { tags, summary: 'Get an appointment', params: IdParams, response: { 200: AppointmentSchema, 404: ErrorBodySchema } },
    handler: (req) => getAppointment(pool, req.auth.locationId, req.params.id),
  });

  app.patch('/appointments/:id', {
    schema: {
      tags,
      summary: 'Update an appointment: details, status, or its time',
      description: CONFLICT,
      params: IdParams,
      body: AppointmentPatchSchema,
      response: { 200: AppointmentSchema, ...errors },
    },
    handler: (req) => updateAppointment(pool, req.auth, req.params.id, req.body),
  });

  app.post('/appointments/:id/reschedule', {
    schema: {
      tags,
      summary: 'Move an appointment to a new time (keeps its length unless endTime or durationMinutes is given)',
      description: CONFLICT,
      params: IdParams,
      body: AppointmentRescheduleSchema,
      response: { 200: AppointmentSchema, ...errors },
    },
    handler: (req) => updateAppointment(pool, req.auth, req.params.id, req.body),
  });

  app.delete('/appointments/:id', {
    schema: { tags, summary: 'Delete an appointment (its cards stay in the thread)', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      await deleteAppointment(pool, req.auth, req.params.id);
      return { ok: true as const };
    },
  });
};
