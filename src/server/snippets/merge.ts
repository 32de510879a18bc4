/**
 * The merge-field engine (pure): finds {{fields}} in a text, replaces them with the values of one
 * contact, sender and location, and reports every field it cannot fill — an unknown name, or a
 * known one without a value — so that nothing is ever sent with a raw {{field}} in it.
 */
import { MERGE_FIELD_NAMES, type MergeProblem } from '#shared/merge-fields';

/** {{ name }}: anything but braces between double braces, spaces around the name allowed. */
const FIELD_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type MergeValues = Partial<Record<string, string | null>>;

export interface MergeResult {
  text: string;
  problems: MergeProblem[];
}

const normalize = (raw: string) => raw.trim().toLowerCase();

/** The fields a text uses, normalized (lower case), each once, in order of appearance. */
export function fieldsIn(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(FIELD_RE)) seen.add(normalize(m[1]));
  return [...seen];
}

export const isKnownField = (field: string) => MERGE_FIELD_NAMES.includes(field);

/** Why a known field has no value, as the end of a sentence. */
const EMPTY_REASON: Record<string, string> = {
  'contact.first_name': 'the contact has no first name',
  'contact.last_name': 'the contact has no last name',
  'contact.name': 'the contact has no name',
  'contact.email': 'the contact has no e-mail address',
  'contact.phone': 'the contact has no phone number',
  'user.name': 'the sender has no name',
  'location.name': 'the location has no name',
  'appointment.start_time': 'the contact has no upcoming appointment',
};

function problemFor(field: string, known: boolean): MergeProblem {
  if (!known) {
    return { field, problem: 'unknown', message: field ? `{{${field}}} is not a merge field.` : 'An empty merge field {{}} is in the text.' };
  }
  return { field, problem: 'empty', message: `{{${field}}} cannot be filled: ${EMPTY_REASON[field] ?? 'it has no value'}.` };
}

/**
 * Replaces every known field that has a value; fields with a problem stay as written (for a
 * preview) and are listed once each. `escape` is applied to values (HTML bodies).
 */
export function renderMerge(text: string, values: MergeValues, escape: (v: string) => string = (v) => v): MergeResult {
  const problems = new Map<string, MergeProblem>();
  const out = text.replace(FIELD_RE, (whole, raw: string) => {
    const field = normalize(raw);
    const known = isKnownField(field);
    const value = known ? values[field]?.trim() : undefined;
    if (value) return escape(value);
    if (!problems.has(field)) problems.set(field, problemFor(field, known));
    return whole;
  });
  return { text: out, problems: [...problems.values()] };
}

/** Merges several parts (body, subject, html) at once; problems are reported once per field. */
export function renderAll<K extends string>(
  parts: Partial<Record<K, string | null | undefined>>,
  values: MergeValues,
  escapes: Partial<Record<K, (v: string) => string>> = {},
): { parts: Partial<Record<K, string>>; problems: MergeProblem[] } {
  const out: Partial<Record<K, string>> = {};
  const problems = new Map<string, MergeProblem>();
  for (const key of Object.keys(parts) as K[]) {
    const text = parts[key];
    if (text == null) continue;
    const r = renderMerge(text, values, escapes[key]);
    out[key] = r.text;
    for (const p of r.problems) if (!problems.has(p.field)) problems.set(p.field, p);
  }
  return { parts: out, problems: [...problems.values()] };
}

export const escapeHtml = (v: string) =>
  v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** "Friday, December 3 at 2:00 PM" on the wall clock of timeZone: how a client reads a time. */
export function formatAppointmentTime(at: Date, timeZone: string): string {
  const p: Record<string, string> = {};
  const f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return `${p.weekday}, ${p.month} ${p.day} at ${p.hour}:${p.minute} ${p.dayPeriod}`;
}

export interface MergeSource {
  contact: { firstName: string | null; lastName: string | null; email: string | null; phone: string | null };
  userName: string | null;
  locationName: string | null;
  nextAppointment: Date | null;
  timeZone: string;
}

/** The value of every field for one contact, sender and location. */
export function mergeValues(s: MergeSource): MergeValues {
  const first = s.contact.firstName?.trim() || null;
  const last = s.contact.lastName?.trim() || null;
  return {
    'contact.first_name': first,
    'contact.last_name': last,
    'contact.name': [first, last].filter(Boolean).join(' ') || null,
    'contact.email': s.contact.email,
    'contact.phone': s.contact.phone,
    'user.name': s.userName,
    'location.name': s.locationName,
    'appointment.start_time': s.nextAppointment ? formatAppointmentTime(s.nextAppointment, s.timeZone) : null,
  };
}
