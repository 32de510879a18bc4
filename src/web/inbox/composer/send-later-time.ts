/** Send later's times: the default proposed, and how a picked wall clock reads. */
import { wallClock } from '../../records/appointments/time';

const nextDay = (date: string) => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/**
 * A sensible default: the next quarter hour at least an hour from now, on the zone's wall clock —
 * within business hours (8:00–20:00): earlier is moved to 9:00 that day, later to 9:00 the next.
 */
export function defaultWhen(timeZone: string, now = Date.now()): { date: string; time: string } {
  const q = 15 * 60_000;
  const when = wallClock(Math.ceil((now + 60 * 60_000) / q) * q, timeZone);
  if (when.time < '08:00') return { date: when.date, time: '09:00' };
  if (when.time > '20:00') return { date: nextDay(when.date), time: '09:00' };
  return when;
}

/** "Wed, Nov 25, 9:00 AM": a picked date and time as they read (no zone conversion). */
export function describe(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  if (!y || Number.isNaN(hh)) return '';
  // Formatted as a wall clock (UTC on both sides): no zone conversion happens here.
  return new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d, hh, mm)),
  );
}
