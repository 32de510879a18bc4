/**
 * The Activity Cards of appointments: what happened (booked, rescheduled, cancelled, confirmed,
 * showed, no-show, updated, deleted), when it is, in the location's time zone, and what changed.
 */
import type { ActivityActor } from '#shared/activity';
import type { Appointment } from '#shared/appointments';
import { recordActivity } from '../activity/record';
import type { Tx } from '../db/tx';
import { cardTime, cardTimeWithZone } from './zoned-time';

export type AppointmentAction = 'created' | 'rescheduled' | 'cancelled' | 'confirmed' | 'showed' | 'noshow' | 'updated' | 'deleted';

const STATUS_LABEL: Record<Appointment['status'], string> = {
  new: 'New',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
  showed: 'Showed',
  noshow: 'No-show',
};

const MEETING_LABEL: Record<Appointment['meetingLocationType'], string> = {
  custom: 'Link',
  zoom: 'Zoom',
  gmeet: 'Google Meet',
  phone: 'Phone',
  address: 'In person',
  ms_teams: 'Microsoft Teams',
};

const SAYS: Record<AppointmentAction, string> = {
  created: 'Appointment booked',
  rescheduled: 'Appointment rescheduled',
  cancelled: 'Appointment cancelled',
  confirmed: 'Appointment confirmed',
  showed: 'Appointment marked as showed',
  noshow: 'Appointment marked as no-show',
  updated: 'Appointment updated',
  deleted: 'Appointment deleted',
};

const meeting = (a: Appointment) => (a.meetingLocation ? `${MEETING_LABEL[a.meetingLocationType]}: ${a.meetingLocation}` : MEETING_LABEL[a.meetingLocationType]);
const clip = (s: string | null) => (s && s.length > 80 ? `${s.slice(0, 79)}…` : s);

/** What an update did, as the card's headline: a cancel or a new time outranks other changes. */
export function actionOf(before: Appointment, after: Appointment): AppointmentAction {
  const statusChanged = before.status !== after.status;
  if (statusChanged && after.status === 'cancelled') return 'cancelled';
  if (before.startTime !== after.startTime || before.endTime !== after.endTime) return 'rescheduled';
  if (statusChanged && after.status !== 'new') return after.status;
  return 'updated';
}

/** field → {from, to} as the card shows it (times in the location's zone, names not ids). */
export function appointmentChanges(before: Appointment, after: Appointment, timeZone: string) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const add = (field: string, from: unknown, to: unknown) => {
    if (from !== to) out[field] = { from: from ?? null, to: to ?? null };
  };
  add('startTime', cardTimeWithZone(before.startTime, timeZone), cardTimeWithZone(after.startTime, timeZone));
  const length = (a: Appointment) => Date.parse(a.endTime) - Date.parse(a.startTime);
  if (length(before) !== length(after)) add('endTime', cardTimeWithZone(before.endTime, timeZone), cardTimeWithZone(after.endTime, timeZone));
  add('status', STATUS_LABEL[before.status], STATUS_LABEL[after.status]);
  add('title', before.title, after.title);
  add('Assigned to', before.assignedUserName, after.assignedUserName);
  add('Calendar', before.calendarName, after.calendarName);
  add('Meeting', meeting(before), meeting(after));
  add('Time zone', before.timezone, after.timezone);
  add('Notes', clip(before.notes), clip(after.notes));
  return out;
}

export async function locationTimeZone(tx: Tx, locationId: string): Promise<string> {
  const r = await tx.query<{ timezone: string }>('SELECT timezone FROM locations WHERE id = $1', [locationId]);
  return r.rows[0]?.timezone ?? 'UTC';
}

/** Writes the card in the caller's transaction. */
export async function appointmentCard(
  tx: Tx,
  c: { locationId: string; actor: ActivityActor; action: AppointmentAction; appointment: Appointment; timeZone: string; changes?: Record<string, { from: unknown; to: unknown }> },
) {
  const a = c.appointment;
  await recordActivity(tx, {
    locationId: c.locationId,
    contactId: a.contactId,
    action: c.action,
    record: { type: 'appointment', id: a.id },
    actor: c.actor,
    ...(c.changes && Object.keys(c.changes).length > 0 && { changes: c.changes }),
    details: {
      title: a.title,
      startTime: a.startTime,
      endTime: a.endTime,
      timezone: a.timezone,
      status: a.status,
      calendarName: a.calendarName,
      assignedUserName: a.assignedUserName,
      meetingLocationType: a.meetingLocationType,
      source: a.source,
    },
    summary: `${SAYS[c.action]}: ${a.title}, ${cardTime(a.startTime, c.timeZone)}`,
  });
}
