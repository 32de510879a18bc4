/** Turning the API's validation details into plain words next to the fields they concern. */
import { ApiError } from './api';

interface FieldIssue {
  field: string;
  message: string;
}

function issues(err: unknown): FieldIssue[] {
  if (!(err instanceof ApiError)) return [];
  const fields = err.details?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is FieldIssue => !!f && typeof f.field === 'string' && typeof f.message === 'string');
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
