/**
 * Wall-clock times in an IANA time zone ↔ instants, with Intl only (no manual offsets, no library):
 * the zone's offset at an instant is read back from Intl.DateTimeFormat#formatToParts.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock reading in timeZone at an instant (ms since the epoch). */
export function wallClockAt(ms: number, timeZone: string): WallClock {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour === 24 ? 0 : p.hour, minute: p.minute, second: p.second };
}

/** The zone's offset from UTC at an instant, in ms (e.g. -5 h for New York in winter). */
export function offsetAt(ms: number, timeZone: string): number {
  const w = wallClockAt(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

export class NonexistentTimeError extends Error {}

/**
 * The instant when the clocks in timeZone read date (YYYY-MM-DD) and time (HH:MM).
 * A time that happens twice (clocks going back) is its first occurrence; a time skipped by
 * clocks going forward does not exist and throws NonexistentTimeError.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): Date {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) throw new RangeError(`not a date and time: ${date} ${time}`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  // The offsets in force a day either side cover any single transition near this time.
  const offsets = new Set([offsetAt(wall - 86_400_000, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 86_400_000, timeZone)]);
  const matches = [...offsets]
    .map((off) => wall - off)
    .filter((ms) => {
      const w = wallClockAt(ms, timeZone);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === wall;
    })
    .sort((a, b) => a - b);
  if (matches.length === 0) throw new NonexistentTimeError(`${date} ${time} does not exist in ${timeZone} (the clocks skip it)`);
  return new Date(matches[0]);
}

const SHORT = new Map<string, Intl.DateTimeFormat>();

/** "Fri 3 Dec 2:00 PM" in timeZone: the card's way of saying when. */
export function cardTime(iso: string | Date, timeZone: string): string {
  let f = SHORT.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', hour12: true });
    SHORT.set(timeZone, f);
  }
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(iso))) p[part.type] = part.value;
  return `${p.weekday} ${p.day} ${p.month} ${p.hour}:${p.minute} ${p.dayPeriod}`;
}

/** cardTime with the zone's short name, for before → after lines: "Fri 3 Dec 2:00 PM EST". */
export function cardTimeWithZone(iso: string | Date, timeZone: string): string {
  const zone = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value;
  return zone ? `${cardTime(iso, timeZone)} ${zone}` : cardTime(iso, timeZone);
}
