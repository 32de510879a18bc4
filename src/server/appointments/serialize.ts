/** Rows → API shapes for calendars and appointments (names joined in, times as ISO UTC). */
import type { Appointment, Calendar } from '#shared/appointments';
import type { Queryable } from '../db/pool';
import { notFound } from '../http/errors';
import { displayName } from '../contacts/serialize';

export const CALENDAR_SELECT = `
  SELECT c.*, coalesce((SELECT array_agg(m.user_id ORDER BY m.position, m.user_id) FROM calendar_members m
                         WHERE m.location_id = c.location_id AND m.calendar_id = c.id), '{}') AS team_member_ids
    FROM calendars c`;

export function toCalendar(r: any): Calendar {
  return {
    id: r.id,
    name: r.name,
    teamMemberIds: r.team_member_ids,
    timezone: r.timezone,
    defaultDurationMinutes: r.default_duration_minutes,
    meetingLocationType: r.meeting_location_type,
    meetingLocation: r.meeting_location,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** Appointments with their calendar, contact, assignee and booker names; alias `a`. */
export const APPOINTMENT_SELECT = `
  SELECT a.*, a.start_time::text AS _k, cal.name AS calendar_name,
         ct.first_name AS contact_first_name, ct.last_name AS contact_last_name, ct.phone AS contact_phone, ct.email AS contact_email,
         au.name AS assigned_user_name, cb.name AS created_by_name
    FROM appointments a
    JOIN calendars cal ON cal.location_id = a.location_id AND cal.id = a.calendar_id
    JOIN contacts ct ON ct.location_id = a.location_id AND ct.id = a.contact_id
    LEFT JOIN users au ON au.id = a.assigned_user_id
    LEFT JOIN users cb ON cb.id = a.created_by`;

export function toAppointment(r: any): Appointment {
  return {
    id: r.id,
    title: r.title,
    calendarId: r.calendar_id,
    calendarName: r.calendar_name,
    contactId: r.contact_id,
    contactName: displayName({ first_name: r.contact_first_name, last_name: r.contact_last_name, phone: r.contact_phone, email: r.contact_email }),
    assignedUserId: r.assigned_user_id,
    assignedUserName: r.assigned_user_name ?? null,
    startTime: r.start_time.toISOString(),
    endTime: r.end_time.toISOString(),
    timezone: r.timezone,
    status: r.status,
    meetingLocationType: r.meeting_location_type,
    meetingLocation: r.meeting_location,
    notes: r.notes,
    source: r.source,
    createdBy: r.created_by,
    createdByName: r.created_by_name ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function loadAppointment(db: Queryable, locationId: string, id: string, lock = false): Promise<Appointment> {
  const r = await db.query(`${APPOINTMENT_SELECT} WHERE a.location_id = $1 AND a.id = $2${lock ? ' FOR UPDATE OF a' : ''}`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Appointment');
  return toAppointment(r.rows[0]);
}
