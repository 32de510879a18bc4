/** Display formatting: times in the location's time zone, phones, names. */
const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto', style: 'short' });

/** "now", "5m", "3h", "Tue", "Nov 3", "Nov 3, 2025" — compact, for list rows. */
export function shortTime(iso: string, timeZone: string, now = Date.now()): string {
  const t = new Date(iso).getTime();
  const diff = Math.max(0, now - t);
  if (diff < 60_000) return 'now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)}m`;
  if (diff < 86_400_000 && sameDay(t, now, timeZone)) return `${Math.floor(diff / 3_600_000)}h`;
  if (diff < 6 * 86_400_000) return new Intl.DateTimeFormat('en', { weekday: 'short', timeZone }).format(t);
  const sameYear = new Date(t).getUTCFullYear() === new Date(now).getUTCFullYear();
  return new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: sameYear ? undefined : 'numeric', timeZone }).format(t);
}

export function relativeTime(iso: string, now = Date.now()): string {
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 60) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(s / 3600), 'hour');
  return rtf.format(Math.round(s / 86400), 'day');
}

export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

function sameDay(a: number, b: number, timeZone: string): boolean {
  return dayKey(new Date(a).toISOString(), timeZone) === dayKey(new Date(b).toISOString(), timeZone);
}

/** "Today", "Yesterday", "Monday, November 3" */
export function dayLabel(iso: string, timeZone: string, now = Date.now()): string {
  const key = dayKey(iso, timeZone);
  if (key === dayKey(new Date(now).toISOString(), timeZone)) return 'Today';
  if (key === dayKey(new Date(now - 86_400_000).toISOString(), timeZone)) return 'Yesterday';
  const sameYear = key.slice(0, 4) === dayKey(new Date(now).toISOString(), timeZone).slice(0, 4);
  return new Intl.DateTimeFormat('en', { weekday: 'long', month: 'long', day: 'numeric', year: sameYear ? undefined : 'numeric', timeZone }).format(
    new Date(iso),
  );
}

export function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone }).format(new Date(iso));
}

export function fullDateTime(iso: string, timeZone: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: spell the parts out.
  return new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** +12128675309 → (212) 867-5309 for North America; other numbers grouped after the country code. */
export function formatPhone(e164: string | null | undefined): string {
  if (!e164) return '';
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (us) return `(${us[1]}) ${us[2]}-${us[3]}`;
  const uk = /^\+44(7\d{3})(\d{6})$/.exec(e164);
  if (uk) return `+44 ${uk[1]} ${uk[2]}`;
  return e164;
}

/** The name to show for a contact: its name, else a formatted phone, else the e-mail. */
export function contactLabel(c: { name: string; phone: string | null; email: string | null }): string {
  if (c.phone && c.name === c.phone) return formatPhone(c.phone);
  return c.name;
}

export function initials(name: string): string {
  const parts = name.replace(/[^\p{L}\s]/gu, '').trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  return ((parts[0][0] ?? '') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

export function durationLabel(seconds: number | undefined | null): string {
  if (!seconds) return '0:00';
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
