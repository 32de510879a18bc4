/**
 * One guard for every route: a NUL character (U+0000) anywhere in a request's text — a JSON string
 * or key, a form field, a query parameter, a path parameter, a raw body — is refused with 400
 * validation_failed naming the field. PostgreSQL cannot store NUL in text or jsonb, so such input
 * would otherwise fail deep inside a write (a 500) or, worse, be cut short somewhere else.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors';

const NUL = '\u0000';
const MAX_DEPTH = 64;

/** The path of the first NUL found in `value` ("body.items.0.name"), or null. */
export function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path : null;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}.${i}`, depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (Buffer.isBuffer(value)) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes(NUL)) return `${path}.${k.replaceAll(NUL, '\\u0000')}`;
    const hit = findNul(v, `${path}.${k}`, depth + 1);
    if (hit) return hit;
  }
  return null;
}

export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const field =
      findNul(req.params, 'params') ?? findNul(req.query, 'querystring') ?? findNul(req.body, 'body');
    if (!field) return;
    const message = 'must not contain NUL characters (\\u0000)';
    throw new AppError(400, 'validation_failed', `${field}: ${message}`, { fields: [{ field, message }] });
  });
}
