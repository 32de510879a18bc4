/**
 * What merge fields resolve to for one send: the contact, the team member sending, the location
 * (its name and time zone) and the contact's next upcoming appointment that is not cancelled.
 */
import type { Contact } from '#shared/contacts';
import type { MergeProblem } from '#shared/merge-fields';
import type { Queryable } from '../db/pool';
import { AppError } from '../http/errors';
import { escapeHtml, fieldsIn, mergeValues, renderAll, type MergeValues } from './merge';

export async function loadMergeValues(db: Queryable, locationId: string, contact: Contact, userId: string | null): Promise<MergeValues> {
  const r = await db.query(
    `SELECT l.name AS location_name, l.timezone,
            (SELECT name FROM users WHERE id = $3) AS user_name,
            (SELECT min(start_time) FROM appointments
              WHERE location_id = $1 AND contact_id = $2 AND status <> 'cancelled' AND start_time > now()) AS next_appointment
       FROM locations l WHERE l.id = $1`,
    [locationId, contact.id, userId],
  );
  const row = r.rows[0];
  return mergeValues({
    contact,
    userName: row?.user_name ?? null,
    locationName: row?.location_name ?? null,
    nextAppointment: row?.next_appointment ?? null,
    timeZone: row?.timezone ?? 'UTC',
  });
}

/** The 422 that names every field that cannot be filled (unknown ones first: they are typos). */
export function mergeRefusal(problems: MergeProblem[]): AppError {
  const unknown = problems.filter((p) => p.problem === 'unknown');
  const listed = (ps: MergeProblem[]) => ps.map((p) => `{{${p.field}}}`).join(', ');
  const details = { mergeFields: problems.map((p) => p.field), problems };
  if (unknown.length) {
    return new AppError(
      422,
      'merge_field_unknown',
      `Unknown merge field${unknown.length > 1 ? 's' : ''} ${listed(unknown)}: fix ${unknown.length > 1 ? 'them' : 'it'} or pick a field from the list.`,
      details,
    );
  }
  const message = problems.length === 1 ? problems[0].message : `These merge fields cannot be filled for this contact: ${listed(problems)}.`;
  return new AppError(422, 'merge_field_empty', message, details);
}

export interface MergeParts {
  body?: string | null;
  subject?: string | null;
  html?: string | null;
}

/**
 * Resolves the parts of a reply, or throws the 422 naming what cannot be filled. Texts without
 * any {{ skip the database entirely.
 */
export async function resolveMerge(db: Queryable, locationId: string, contact: Contact, userId: string | null, parts: MergeParts): Promise<MergeParts> {
  if (![parts.body, parts.subject, parts.html].some((t) => t && fieldsIn(t).length > 0)) return parts;
  const values = await loadMergeValues(db, locationId, contact, userId);
  const { parts: out, problems } = renderAll(parts, values, { html: escapeHtml });
  if (problems.length) throw mergeRefusal(problems);
  return { ...parts, ...out };
}

/** Only the refusal, without resolving (unknown fields in a snippet being saved). */
export function assertKnownFields(...texts: (string | null | undefined)[]): void {
  const problems = renderAll(Object.fromEntries(texts.map((t, i) => [String(i), t])), {}).problems.filter((p) => p.problem === 'unknown');
  if (problems.length) throw mergeRefusal(problems);
}
