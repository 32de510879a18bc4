/** Appointment times for people: Intl with the zone named, never a hand-made offset. */

/** The browser's own time zone. */
export const userTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(key: string, make: () => Intl.DateTimeFormat) {
  let f = cache.get(key);
  if (!f) cache.set(key, (f = make()));
  return f;
}

/** "Thu, Dec 3, 2026" (or "Thu, Dec 3" without the year) */
export function dayText(iso: string, timeZone: string, year = true): string {
  const f = fmt(`day|${timeZone}|${year}`, () =>
    new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', year: year ? 'numeric' : undefined, timeZone }),
  );
  return f.format(new Date(iso));
}

/** "2:00 – 2:45 PM EST" */
export function rangeText(startIso: string, endIso: string, timeZone: string): string {
  const f = fmt(`range|${timeZone}`, () => new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }));
  return f.formatRange(new Date(startIso), new Date(endIso));
}

/**
 * "Thu, Dec 3, 2026 · 2:00 – 2:45 PM EST", with the day of the end when it is another day.
 * Without the year for a second, shorter line (the user's own time).
 */
export function whenText(startIso: string, endIso: string, timeZone: string, year = true): string {
  const startDay = dayText(startIso, timeZone, year);
  if (startDay === dayText(endIso, timeZone, year)) return `${startDay} · ${rangeText(startIso, endIso, timeZone)}`;
  const f = fmt(`full|${timeZone}`, () =>
    new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }),
  );
  return f.formatRange(new Date(startIso), new Date(endIso));
}

/** The wall clock in timeZone at an instant, for form fields: {date: 'YYYY-MM-DD', time: 'HH:MM'}. */
export function wallClock(iso: string | number, timeZone: string): { date: string; time: string } {
  const f = fmt(`wall|${timeZone}`, () =>
    new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }),
  );
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(new Date(iso))) p[part.type] = part.value;
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour === '24' ? '00' : p.hour}:${p.minute}` };
}

/** "EST", "GMT+1": the zone's short name at an instant. */
export function zoneName(iso: string | number, timeZone: string): string {
  const f = fmt(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' }));
  return f.formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** Minutes between two instants. */
export const minutesBetween = (startIso: string, endIso: string) => Math.round((Date.parse(endIso) - Date.parse(startIso)) / 60_000);

/**
 * A sensible start for a new booking, on the calendar's wall clock: the next half hour from now
 * within opening hours (9:00–18:00), else 9:00 the next morning.
 */
export function nextSlot(timeZone: string, now = Date.now()): { date: string; time: string } {
  const half = 30 * 60_000;
  const next = wallClock(Math.ceil((now + 15 * 60_000) / half) * half, timeZone);
  const hour = Number(next.time.slice(0, 2));
  if (hour >= 9 && hour < 18) return next;
  const day = hour < 9 ? next.date : wallClock(now + 86_400_000, timeZone).date;
  return { date: day, time: '09:00' };
}
