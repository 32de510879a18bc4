/** Small checks for the control API's JSON bodies; failures answer 400 {error}. */

export class BadRequest extends Error {}

export type Json = Record<string, unknown>;

export function bodyOf(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

export function int(body: Json, key: string, fallback: number, min: number, max: number): number {
  const v = body[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    throw new BadRequest(`${key} must be an integer from ${min} to ${max}`);
  }
  return v;
}

export function str(body: Json, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new BadRequest(`${key} must be a string`);
  return v;
}
