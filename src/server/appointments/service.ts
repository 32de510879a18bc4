/**
 * Appointments: book, change (reschedule, status, details), delete, list. Every write emits its
 * event and writes its Activity Card in the contact's conversation, in one transaction; the
 * database refuses overlapping bookings of one team member (see conflicts.ts).
 */
import type { ActivityActor } from '#shared/activity';
import type { Appointment, AppointmentCreate, AppointmentListQuery, AppointmentPatch, Calendar } from '#shared/appointments';
import { actorOf } from '../activity/record';
import type { Pool, Queryable } from '../db/pool';
import { withTx } from '../db/tx';
import { decodeKeyset, page } from '../http/cursor';
import { AppError, notFound } from '../http/errors';
import type { AuthContext } from '../http/types';
import { actionOf, appointmentCard, appointmentChanges, locationTimeZone } from './activity';
import { firstCalendar, getCalendar } from './calendars';
import { lockDiary, refusals, type Attempt } from './conflicts';
import { APPOINTMENT_SELECT, loadAppointment, toAppointment } from './serialize';
import { resolveSlot } from './when';
import { visibleContactsSql } from '../contacts/access';

async function actorFor(db: Queryable, auth: AuthContext, source?: Appointment['source']): Promise<ActivityActor> {
  if (!auth.userId && source === 'booking_widget') return { type: 'system', id: null, name: 'Booking widget' };
  if (!auth.userId && source === 'funnel') return { type: 'system', id: null, name: 'Funnel' };
  return actorOf(db, auth);
}

function notOnTeam(calendar: Calendar) {
  return new AppError(422, 'invalid_assignee', `assignedUserId: that user is not on the team of the calendar “${calendar.name}”.`, {
    fields: [{ field: 'body.assignedUserId', message: `is not on the team of the calendar “${calendar.name}”` }],
  });
}

/** The assignee of a new booking: as asked (a member of the calendar's team), else the caller, else the team's first. */
function pickAssignee(calendar: Calendar, asked: string | null | undefined, caller: string | null): string | null {
  if (asked === null) return null;
  if (asked !== undefined) {
    if (!calendar.teamMemberIds.includes(asked)) throw notOnTeam(calendar);
    return asked;
  }
  if (caller && calendar.teamMemberIds.includes(caller)) return caller;
  return calendar.teamMemberIds[0] ?? null;
}

export async function createAppointment(pool: Pool, auth: AuthContext, input: AppointmentCreate): Promise<Appointment> {
  const { locationId } = auth;
  const calendar = input.calendarId ? await getCalendar(pool, locationId, input.calendarId) : await firstCalendar(pool, locationId);
  const contact = await pool.query('SELECT 1 FROM contacts WHERE location_id = $1 AND id = $2', [locationId, input.contactId]);
  if (!contact.rowCount) throw notFound('Contact');
  const assignee = pickAssignee(calendar, input.assignedUserId, auth.userId);
  const slot = resolveSlot(input, { timezone: calendar.timezone, defaultMinutes: calendar.defaultDurationMinutes });
  const type = input.meetingLocationType ?? calendar.meetingLocationType;
  const place = input.meetingLocation !== undefined ? input.meetingLocation : type === calendar.meetingLocationType ? calendar.meetingLocation : null;
  const attempt: Attempt = { locationId, assignedUserId: assignee, start: slot.start, end: slot.end, viewer: auth };
  return refusals(
    pool,
    () => attempt,
    () =>
      withTx(pool, async (tx) => {
        if (assignee) await lockDiary(tx, locationId, assignee);
        const r = await tx.query(
          `INSERT INTO appointments (location_id, calendar_id, contact_id, assigned_user_id, title, start_time, end_time, timezone,
                                     status, meeting_location_type, meeting_location, notes, source, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
          [
            locationId, calendar.id, input.contactId, assignee, input.title, slot.start, slot.end, slot.timezone,
            input.status, type, place || null, input.notes || null, input.source, auth.userId,
          ],
        );
        const appointment = await loadAppointment(tx, locationId, r.rows[0].id);
        tx.emit({ locationId, type: 'appointment.created', data: appointment });
        const actor = await actorFor(tx, auth, input.source);
        await appointmentCard(tx, { locationId, actor, action: 'created', appointment, timeZone: await locationTimeZone(tx, locationId) });
        return appointment;
      }),
  );
}

export function getAppointment(db: Queryable, locationId: string, id: string): Promise<Appointment> {
  return loadAppointment(db, locationId, id);
}

/** PATCH and reschedule: only what the body names changes; an unchanged body changes nothing. */
export async function updateAppointment(pool: Pool, auth: AuthContext, id: string, patch: AppointmentPatch): Promise<Appointment> {
  const { locationId } = auth;
  let attempt: Attempt | null = null;
  return refusals(
    pool,
    () => attempt,
    () =>
      withTx(pool, async (tx) => {
        // Diary locks first (in a fixed order), then the row: the same order as a booking takes.
        const peek = await loadAppointment(tx, locationId, id);
        const diaries = [...new Set([peek.assignedUserId, patch.assignedUserId].filter((u): u is string => !!u))].sort();
        for (const u of diaries) await lockDiary(tx, locationId, u);
        const before = await loadAppointment(tx, locationId, id, true);
        const calendarChanged = patch.calendarId !== undefined && patch.calendarId !== before.calendarId;
        const calendar = await getCalendar(tx, locationId, patch.calendarId ?? before.calendarId);
        const assignee = patch.assignedUserId !== undefined ? patch.assignedUserId : before.assignedUserId;
        if (assignee && (calendarChanged || assignee !== before.assignedUserId) && !calendar.teamMemberIds.includes(assignee)) {
          throw notOnTeam(calendar);
        }
        const slot = resolveSlot(patch, {
          timezone: before.timezone,
          start: new Date(before.startTime),
          end: new Date(before.endTime),
          defaultMinutes: calendar.defaultDurationMinutes,
        });
        attempt = { locationId, id, assignedUserId: assignee, start: slot.start, end: slot.end, viewer: auth };
        const next = {
          title: patch.title ?? before.title,
          calendarId: calendar.id,
          assignedUserId: assignee,
          startTime: slot.start.toISOString(),
          endTime: slot.end.toISOString(),
          timezone: slot.timezone,
          status: patch.status ?? before.status,
          meetingLocationType: patch.meetingLocationType ?? before.meetingLocationType,
          meetingLocation: patch.meetingLocation !== undefined ? patch.meetingLocation || null : before.meetingLocation,
          notes: patch.notes !== undefined ? patch.notes || null : before.notes,
        };
        if ((Object.keys(next) as (keyof typeof next)[]).every((k) => next[k] === before[k])) return before;
        await tx.query(
          `UPDATE appointments SET title = $3, calendar_id = $4, assigned_user_id = $5, start_time = $6, end_time = $7, timezone = $8,
                  status = $9, meeting_location_type = $10, meeting_location = $11, notes = $12, updated_at = now()
            WHERE location_id = $1 AND id = $2`,
          [locationId, id, next.title, next.calendarId, next.assignedUserId, slot.start, slot.end, next.timezone,
           next.status, next.meetingLocationType, next.meetingLocation, next.notes],
        );
        const after = await loadAppointment(tx, locationId, id);
        tx.emit({ locationId, type: 'appointment.updated', data: after });
        const timeZone = await locationTimeZone(tx, locationId);
        const changes = appointmentChanges(before, after, timeZone);
        await appointmentCard(tx, { locationId, actor: await actorOf(tx, auth), action: actionOf(before, after), appointment: after, timeZone, changes });
        return after;
      }),
  );
}

export async function deleteAppointment(pool: Pool, auth: AuthContext, id: string): Promise<void> {
  const { locationId } = auth;
  await withTx(pool, async (tx) => {
    const appointment = await loadAppointment(tx, locationId, id, true);
    await tx.query('DELETE FROM appointments WHERE location_id = $1 AND id = $2', [locationId, id]);
    tx.emit({ locationId, type: 'appointment.deleted', data: { id, contactId: appointment.contactId } });
    const actor = await actorOf(tx, auth);
    await appointmentCard(tx, { locationId, actor, action: 'deleted', appointment, timeZone: await locationTimeZone(tx, locationId) });
  });
}

/** Soonest first; from/to select the appointments overlapping that window. */
export async function listAppointments(db: Queryable, locationId: string, q: AppointmentListQuery, visibleTo: string | null = null) {
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['a.location_id = $1'];
  const add = (sql: (p: string) => string, v: unknown) => {
    values.push(v);
    where.push(sql(`$${values.length}`));
  };
  if (q.contactId) add((p) => `a.contact_id = ${p}`, q.contactId);
  if (q.calendarId) add((p) => `a.calendar_id = ${p}`, q.calendarId);
  if (q.assignedUserId) add((p) => `a.assigned_user_id = ${p}`, q.assignedUserId);
  if (q.from) add((p) => `a.end_time > ${p}::timestamptz`, q.from);
  if (q.to) add((p) => `a.start_time < ${p}::timestamptz`, q.to);
  if (visibleTo) add((p) => visibleContactsSql('a.contact_id', p), visibleTo);
  const after = decodeKeyset(q.cursor);
  if (after) {
    values.push(after.k, after.id);
    where.push(`(a.start_time, a.id) > ($${values.length - 1}::timestamptz, $${values.length}::uuid)`);
  }
  const r = await db.query(`${APPOINTMENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.start_time, a.id LIMIT $2`, values);
  return page(r.rows, q.limit, toAppointment);
}
