/** Turning the API's validation details into plain words next to the fields they concern. */
import { ApiError } from './api';

interface FieldIssue {
  field: string;
  message: string;
}

/** The validator's wording ("Too small: expected string to have >=3 characters") in plain words. */
const PLAIN: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^Too small: expected string to have >=(\d+) characters?/, (m) => `must be at least ${m[1]} characters`],
  [/^Too big: expected string to have <=(\d+) characters?/, (m) => `must be at most ${m[1]} characters`],
  [/^Too small: expected array to have >=(\d+) items?/, (m) => `needs at least ${m[1]}`],
  [/^Too big: expected array to have <=(\d+) items?/, (m) => `can have at most ${m[1]}`],
  [/^Invalid input/, () => 'is not valid'],
  [/^Invalid option/, () => 'is not one of the allowed values'],
];

function plainMessage(message: string): string {
  for (const [re, say] of PLAIN) {
    const m = re.exec(message);
    if (m) return say(m);
  }
  return message;
}

function issues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const fields = err.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields
    .filter((f): f is FieldIssue => !!f && typeof f.field === 'string' && typeof f.message === 'string')
    .map((f) => ({ field: f.field, message: plainMessage(f.message) }));
}

/** Field path without its request part ("body.timezone" → "timezone") → first message for it. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of issues(err)) {
    const key = f.field.replace(/^(body|querystring|params)\./, '');
    out[key] ??= f.message;
  }
  return out;
}

/**
 * One sentence for a failed request: "Phone is not a valid phone number." for validation errors
 * (with the field named as the form names it), else the server's own message.
 */
export function plainError(err: unknown, label: (field: string) => string): string {
  const first = issues(err)[0];
  if (first) {
    const key = first.field.replace(/^(body|querystring|params)\./, '');
    const text = `${label(key)} ${first.message}`;
    return /[.!?]$/.test(text) ? text : `${text}.`;
  }
  if (err instanceof ApiError) return err.message;
  return err instanceof Error ? err.message : 'Something went wrong.';
}
