/**
 * Calendars and appointments: the API contract. Times are ISO 8601 instants (answered in UTC);
 * a booking may instead give the wall-clock date and time in a time zone, converted on the server.
 */
import { z } from 'zod';
import { IsoDate, ListQuery } from './common';

export const MEETING_LOCATION_TYPES = ['custom', 'zoom', 'gmeet', 'phone', 'address', 'ms_teams'] as const;
export const MeetingLocationType = z.enum(MEETING_LOCATION_TYPES);
export type MeetingLocationType = z.infer<typeof MeetingLocationType>;

export const APPOINTMENT_STATUSES = ['new', 'confirmed', 'cancelled', 'showed', 'noshow'] as const;
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

export const APPOINTMENT_SOURCES = ['conversation', 'booking_widget', 'funnel', 'manual'] as const;
export const AppointmentSource = z.enum(APPOINTMENT_SOURCES);
export type AppointmentSource = z.infer<typeof AppointmentSource>;

/** The calendar a location gets when it has none. */
export const DEFAULT_CALENDAR = { name: 'Treatments', durationMinutes: 30, meetingLocationType: 'address' as const };

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
export const TimeZone = z.string().trim().min(1).max(64).refine(isTimeZone, 'must be an IANA time zone such as America/New_York');

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-12-03T19:00:00Z' });
const LocalDate = z.iso.date({ message: 'must be a date as YYYY-MM-DD' });
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');
const Duration = z.number().int().min(5).max(1440).describe('Minutes');
const MeetingLocation = z.string().trim().max(500).nullable();

export const CalendarSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    teamMemberIds: z.array(z.uuid()).describe('In order; members of the location'),
    timezone: z.string(),
    defaultDurationMinutes: z.number().int(),
    meetingLocationType: MeetingLocationType,
    meetingLocation: z.string().nullable().describe('The link (virtual types), phone or address'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Calendar' });
export type Calendar = z.infer<typeof CalendarSchema>;

export const CalendarCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  teamMemberIds: z.array(z.uuid()).max(100).default([]),
  timezone: TimeZone.optional().describe("Default: the location's"),
  defaultDurationMinutes: Duration.default(30),
  meetingLocationType: MeetingLocationType.default('address'),
  meetingLocation: MeetingLocation.optional(),
});
export type CalendarCreate = z.infer<typeof CalendarCreateSchema>;

export const CalendarPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    teamMemberIds: z.array(z.uuid()).max(100).optional(),
    timezone: TimeZone.optional(),
    defaultDurationMinutes: Duration.optional(),
    meetingLocationType: MeetingLocationType.optional(),
    meetingLocation: MeetingLocation.optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
export type CalendarPatch = z.infer<typeof CalendarPatchSchema>;

export const AppointmentSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    calendarId: z.uuid(),
    calendarName: z.string(),
    contactId: z.uuid(),
    contactName: z.string(),
    assignedUserId: z.uuid().nullable(),
    assignedUserName: z.string().nullable(),
    startTime: IsoDate,
    endTime: IsoDate,
    timezone: z.string().describe('The zone its wall-clock time is meant in'),
    status: AppointmentStatus,
    meetingLocationType: MeetingLocationType,
    meetingLocation: z.string().nullable(),
    notes: z.string().nullable(),
    source: AppointmentSource,
    createdBy: z.uuid().nullable().describe('The user who booked it; null when booked through an API key'),
    createdByName: z.string().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Appointment' });
export type Appointment = z.infer<typeof AppointmentSchema>;

/** When: an instant (startTime) or a wall-clock date + time in `timezone`; until: endTime or a duration. */
const When = {
  startTime: Instant.optional(),
  date: LocalDate.optional().describe('Wall-clock date in `timezone` (with `time`), instead of startTime'),
  time: LocalTime.optional(),
  endTime: Instant.optional(),
  durationMinutes: Duration.optional().describe("Instead of endTime; default: the calendar's default duration"),
  timezone: TimeZone.optional().describe("Default: the calendar's"),
};

type WhenInput = { startTime?: string; date?: string; time?: string; endTime?: string; durationMinutes?: number };

function checkWhen(w: WhenInput, ctx: z.RefinementCtx, required: boolean) {
  if (w.startTime && (w.date || w.time)) ctx.addIssue({ code: 'custom', path: ['date'], message: 'give either startTime or date and time, not both' });
  if (!!w.date !== !!w.time) ctx.addIssue({ code: 'custom', path: [w.date ? 'time' : 'date'], message: 'date and time go together' });
  if (required && !w.startTime && !w.date) ctx.addIssue({ code: 'custom', path: ['startTime'], message: 'is required (or date and time)' });
  if (w.endTime && w.durationMinutes !== undefined) ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'give either endTime or durationMinutes' });
  if (w.startTime && w.endTime && Date.parse(w.endTime) <= Date.parse(w.startTime)) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'must be after startTime' });
  }
}

export const AppointmentCreateSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    contactId: z.uuid(),
    calendarId: z.uuid().optional().describe("Default: the location's first calendar"),
    assignedUserId: z.uuid().nullable().optional().describe("Default: the caller if on the calendar's team, else its first member"),
    ...When,
    meetingLocationType: MeetingLocationType.optional().describe("Default: the calendar's"),
    meetingLocation: MeetingLocation.optional(),
    notes: z.string().trim().max(5000).nullable().optional(),
    status: z.enum(['new', 'confirmed']).default('new'),
    source: AppointmentSource.default('manual'),
  })
  .superRefine((b, ctx) => checkWhen(b, ctx, true));
export type AppointmentCreate = z.infer<typeof AppointmentCreateSchema>;

export const AppointmentPatchSchema = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    calendarId: z.uuid().optional(),
    assignedUserId: z.uuid().nullable().optional(),
    ...When,
    meetingLocationType: MeetingLocationType.optional(),
    meetingLocation: MeetingLocation.optional(),
    notes: z.string().trim().max(5000).nullable().optional(),
    status: AppointmentStatus.optional(),
  })
  .superRefine((b, ctx) => checkWhen(b, ctx, false));
export type AppointmentPatch = z.infer<typeof AppointmentPatchSchema>;

export const AppointmentRescheduleSchema = z
  .object({
    startTime: When.startTime,
    date: When.date,
    time: When.time,
    timezone: When.timezone,
    endTime: When.endTime,
    durationMinutes: Duration.optional().describe('Default: keep the current length'),
  })
  .superRefine((b, ctx) => checkWhen(b, ctx, true));
export type AppointmentReschedule = z.infer<typeof AppointmentRescheduleSchema>;

export const AppointmentListQuery = ListQuery.extend({
  contactId: z.uuid().optional(),
  calendarId: z.uuid().optional(),
  assignedUserId: z.uuid().optional(),
  from: Instant.optional().describe('Only appointments ending after this instant'),
  to: Instant.optional().describe('Only appointments starting before this instant'),
});
export type AppointmentListQuery = z.infer<typeof AppointmentListQuery>;

/** The 409 body's details when a booking overlaps another appointment of the same team member. */
export interface AppointmentConflict {
  id: string;
  title: string;
  startTime: string;
  endTime: string;
  assignedUserId: string | null;
}
