/**
 * Calendars: who takes the appointments, in which time zone, how long by default, and where.
 * A location without any calendar gets the default one ("Treatments") the first time it is asked.
 */
import { DEFAULT_CALENDAR, type Calendar, type CalendarCreate, type CalendarPatch } from '#shared/appointments';
import type { Pool, Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { AppError, conflict, notFound } from '../http/errors';
import { CALENDAR_SELECT, toCalendar } from './serialize';

const invalidMember = () =>
  new AppError(422, 'invalid_team_member', 'teamMemberIds: every team member must be a member of this location.', {
    fields: [{ field: 'body.teamMemberIds', message: 'must all be members of this location' }],
  });

async function setMembers(tx: Tx, locationId: string, calendarId: string, userIds: string[]) {
  await tx.query('DELETE FROM calendar_members WHERE location_id = $1 AND calendar_id = $2', [locationId, calendarId]);
  await tx.query(
    `INSERT INTO calendar_members (location_id, calendar_id, user_id, position)
     SELECT $1, $2, u, ord FROM unnest($3::uuid[]) WITH ORDINALITY AS t(u, ord)`,
    [locationId, calendarId, [...new Set(userIds)]],
  );
}

async function onMemberFk<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if ((err as { code?: string; constraint?: string }).code === '23503') throw invalidMember();
    throw err;
  }
}

/**
 * Creates the default calendar when the location has none: all admins, the location's time zone.
 * A transaction-scoped advisory lock per location makes concurrent first requests create one.
 */
export async function ensureDefaultCalendar(pool: Pool, locationId: string): Promise<void> {
  const any = await pool.query('SELECT 1 FROM calendars WHERE location_id = $1 LIMIT 1', [locationId]);
  if (any.rowCount) return;
  await withTx(pool, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('calendars:' || $1::text, 0))`, [locationId]);
    const again = await tx.query('SELECT 1 FROM calendars WHERE location_id = $1 LIMIT 1', [locationId]);
    if (again.rowCount) return;
    const r = await tx.query(
      `INSERT INTO calendars (location_id, name, timezone, default_duration_minutes, meeting_location_type)
       SELECT id, $2, timezone, $3, $4 FROM locations WHERE id = $1 RETURNING id`,
      [locationId, DEFAULT_CALENDAR.name, DEFAULT_CALENDAR.durationMinutes, DEFAULT_CALENDAR.meetingLocationType],
    );
    if (!r.rows[0]) return;
    const admins = await tx.query(`SELECT user_id FROM memberships WHERE location_id = $1 AND role = 'admin' ORDER BY created_at, user_id`, [locationId]);
    await setMembers(tx, locationId, r.rows[0].id, admins.rows.map((a) => a.user_id));
  });
}

export async function listCalendars(pool: Pool, locationId: string): Promise<Calendar[]> {
  await ensureDefaultCalendar(pool, locationId);
  const r = await pool.query(`${CALENDAR_SELECT} WHERE c.location_id = $1 ORDER BY c.created_at, c.id`, [locationId]);
  return r.rows.map(toCalendar);
}

export async function getCalendar(db: Queryable, locationId: string, id: string): Promise<Calendar> {
  const r = await db.query(`${CALENDAR_SELECT} WHERE c.location_id = $1 AND c.id = $2`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Calendar');
  return toCalendar(r.rows[0]);
}

/** The calendar a booking without calendarId goes to: the location's first. */
export async function firstCalendar(pool: Pool, locationId: string): Promise<Calendar> {
  return (await listCalendars(pool, locationId))[0];
}

export async function createCalendar(pool: Pool, locationId: string, input: CalendarCreate): Promise<Calendar> {
  return onMemberFk(() =>
    withTx(pool, async (tx) => {
      const r = await tx.query(
        `INSERT INTO calendars (location_id, name, timezone, default_duration_minutes, meeting_location_type, meeting_location)
         SELECT id, $2, coalesce($3, timezone), $4, $5, $6 FROM locations WHERE id = $1 RETURNING id`,
        [locationId, input.name, input.timezone ?? null, input.defaultDurationMinutes, input.meetingLocationType, input.meetingLocation ?? null],
      );
      await setMembers(tx, locationId, r.rows[0].id, input.teamMemberIds);
      return getCalendar(tx, locationId, r.rows[0].id);
    }),
  );
}

export async function updateCalendar(pool: Pool, locationId: string, id: string, patch: CalendarPatch): Promise<Calendar> {
  return onMemberFk(() =>
    withTx(pool, async (tx) => {
      const sets: string[] = ['updated_at = now()'];
      const values: unknown[] = [locationId, id];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (patch.name !== undefined) set('name', patch.name);
      if (patch.timezone !== undefined) set('timezone', patch.timezone);
      if (patch.defaultDurationMinutes !== undefined) set('default_duration_minutes', patch.defaultDurationMinutes);
      if (patch.meetingLocationType !== undefined) set('meeting_location_type', patch.meetingLocationType);
      if (patch.meetingLocation !== undefined) set('meeting_location', patch.meetingLocation);
      const r = await tx.query(`UPDATE calendars SET ${sets.join(', ')} WHERE location_id = $1 AND id = $2 RETURNING id`, values);
      if (!r.rows[0]) throw notFound('Calendar');
      if (patch.teamMemberIds) await setMembers(tx, locationId, id, patch.teamMemberIds);
      return getCalendar(tx, locationId, id);
    }),
  );
}

/**
 * Deletes a calendar without appointments (cancelled and past ones count: they keep their
 * calendar). The location's last calendar stays (409 last_calendar): bookings need one, and a
 * location without any would get the default one back on its next read. All of the location's
 * calendars are locked first, so two concurrent deletions cannot remove the last two.
 */
export async function deleteCalendar(pool: Pool, locationId: string, id: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const all = await tx.query<{ id: string }>('SELECT id FROM calendars WHERE location_id = $1 ORDER BY id FOR UPDATE', [locationId]);
    if (!all.rows.some((c) => c.id === id)) throw notFound('Calendar');
    if (all.rows.length === 1) throw conflict('last_calendar', 'This is the location’s only calendar: create another one before deleting it.');
    const used = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE location_id = $1 AND calendar_id = $2', [locationId, id]);
    const inUse = (n: number) =>
      conflict('calendar_in_use', `This calendar still has ${n || 'some'} ${n === 1 ? 'appointment' : 'appointments'}: move or delete ${n === 1 ? 'it' : 'them'} first.`, {
        appointments: n,
      });
    if (used.rows[0].n > 0) throw inUse(used.rows[0].n);
    try {
      await tx.query('DELETE FROM calendars WHERE location_id = $1 AND id = $2', [locationId, id]);
    } catch (err) {
      // An appointment booked into it since the count: the foreign key refuses, same answer.
      if ((err as { code?: string }).code === '23503') throw inUse(0);
      throw err;
    }
  });
}
