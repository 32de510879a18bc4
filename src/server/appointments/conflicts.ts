/**
 * Database refusals of an appointment write, in the API's words: an overlap with another
 * appointment of the same team member (the exclusion constraint, race-safe) becomes a 409 naming
 * it; an assignee who is not a member of the location a 422.
 */
import type { AppointmentConflict } from '#shared/appointments';
import type { Queryable } from '../db/pool';
import { AppError } from '../http/errors';
import type { AuthContext } from '../http/types';
import { contactVisible } from '../contacts/access';
import { cardTimeWithZone } from './zoned-time';

export interface Attempt {
  locationId: string;
  id?: string;
  assignedUserId: string | null;
  start: Date;
  end: Date;
  /** Who is booking: the 409 names the appointment in the way only when they may see it. */
  viewer: Pick<AuthContext, 'onlyAssigned' | 'userId' | 'locationId'>;
}

const endClock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso)).replace(/\s/g, ' ');

/**
 * The 409 for a slot that overlaps another live appointment of the same team member. It names that
 * appointment (title, time, id) only to a caller who may see it: to an "only assigned" member, an
 * appointment of a contact whose conversation is not theirs stays anonymous (the refusal stays).
 */
export async function conflictError(db: Queryable, a: Attempt): Promise<AppError> {
  const r = await db.query(
    `SELECT a.id, a.title, a.start_time, a.end_time, a.assigned_user_id, a.contact_id, u.name AS user_name, l.timezone
       FROM appointments a JOIN locations l ON l.id = a.location_id LEFT JOIN users u ON u.id = a.assigned_user_id
      WHERE a.location_id = $1 AND a.assigned_user_id = $2 AND a.status <> 'cancelled' AND a.id IS DISTINCT FROM $5::uuid
        AND tstzrange(a.start_time, a.end_time) && tstzrange($3, $4)
      ORDER BY a.start_time LIMIT 1`,
    [a.locationId, a.assignedUserId, a.start, a.end, a.id ?? null],
  );
  const row = r.rows[0];
  if (!row) return new AppError(409, 'appointment_conflict', 'That time overlaps another appointment of the same team member.');
  if (!(await contactVisible(db, a.viewer, row.contact_id))) {
    return new AppError(409, 'appointment_conflict', `${row.user_name ?? 'The team member'} already has another appointment at that time. Pick another time or team member.`);
  }
  const c: AppointmentConflict = {
    id: row.id,
    title: row.title,
    startTime: row.start_time.toISOString(),
    endTime: row.end_time.toISOString(),
    assignedUserId: row.assigned_user_id,
  };
  const who = row.user_name ?? 'The team member';
  return new AppError(
    409,
    'appointment_conflict',
    `${who} already has “${c.title}” on ${cardTimeWithZone(c.startTime, row.timezone)} – ${endClock(c.endTime, row.timezone)}. Pick another time or team member.`,
    { conflict: c },
  );
}

/** Runs a write; maps the exclusion and foreign-key refusals (after its transaction rolled back). */
export async function refusals<T>(db: Queryable, attempt: () => Attempt | null, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    const a = attempt();
    if (e.code === '23P01' && a) throw await conflictError(db, a);
    if (e.code === '23503' && e.constraint?.includes('assigned_user')) {
      throw new AppError(422, 'invalid_assignee', 'assignedUserId: that user is not a member of this location.', {
        fields: [{ field: 'body.assignedUserId', message: 'is not a member of this location' }],
      });
    }
    throw err;
  }
}

/**
 * Serializes writes to one team member's diary: concurrent inserts under an exclusion constraint can
 * deadlock each other (each waits on the other's uncommitted row); taken first, this lock makes them
 * queue, so the losers get the clean 409 instead.
 */
export async function lockDiary(tx: Queryable, locationId: string, assignedUserId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('diary:' || $1::text || ':' || $2::text, 0))`, [locationId, assignedUserId]);
}
