/**
 * Turning a request's "when" (an instant, or a wall-clock date and time in a zone; an end, a
 * duration, or neither) into the start and end instants of an appointment.
 */
import { AppError } from '../http/errors';
import { NonexistentTimeError, zonedToUtc } from './zoned-time';

export interface WhenInput {
  startTime?: string;
  date?: string;
  time?: string;
  endTime?: string;
  durationMinutes?: number;
  timezone?: string;
}

export interface Slot {
  start: Date;
  end: Date;
  timezone: string;
}

export const fieldError = (field: string, message: string) =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, { fields: [{ field, message }] });

/**
 * The slot a request asks for. Without a new start the current one stays; without an end or a
 * duration the current length stays (or, for a new booking, the calendar's default).
 */
export function resolveSlot(w: WhenInput, fallback: { timezone: string; start?: Date; end?: Date; defaultMinutes: number }): Slot {
  const timezone = w.timezone ?? fallback.timezone;
  let start = fallback.start;
  if (w.startTime) start = new Date(w.startTime);
  else if (w.date && w.time) {
    try {
      start = zonedToUtc(w.date, w.time, timezone);
    } catch (err) {
      if (err instanceof NonexistentTimeError) throw fieldError('body.time', `${w.time} does not exist on ${w.date} in ${timezone}: the clocks skip it`);
      throw err;
    }
  }
  if (!start) throw fieldError('body.startTime', 'is required (or date and time)');
  const length = fallback.start && fallback.end ? fallback.end.getTime() - fallback.start.getTime() : fallback.defaultMinutes * 60_000;
  const end =
    w.endTime ? new Date(w.endTime)
    : w.durationMinutes !== undefined ? new Date(start.getTime() + w.durationMinutes * 60_000)
    : new Date(start.getTime() + length);
  if (end.getTime() <= start.getTime()) throw fieldError('body.endTime', 'must be after the start time');
  return { start, end, timezone };
}
