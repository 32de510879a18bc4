import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ErrorBody } from '#shared/errors';

/** An error that becomes a response in the API's error shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found.`);
export const forbidden = (message = 'You are not allowed to do that.') => new AppError(403, 'forbidden', message);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(409, code, message, details);
export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppError(400, code, message, details);

export function errorBody(code: string, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: details ? { code, message, details } : { code, message } };
}

interface FieldIssue {
  field: string;
  message: string;
}

function fieldName(path: string, context: string): string {
  // "body.email", "querystring.limit", "params.id"
  const p = path.replace(/^\//, '').replace(/\//g, '.');
  return p ? `${context}.${p}` : context;
}

/** invalid_text_representation, invalid/out-of-range datetime, numeric out of range, bad byte sequence, untranslatable character. */
const CLIENT_VALUE_ERRORS = new Set(['22P02', '22007', '22008', '22003', '22021', '22P05']);

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      const retry = err.details?.retryAfterSeconds;
      if (err.status === 429 && typeof retry === 'number') reply.header('Retry-After', String(retry));
      return reply.status(err.status).send(errorBody(err.code, err.message, err.details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues: FieldIssue[] = err.validation.map((v) => ({
        field: fieldName(v.instancePath, err.validationContext ?? 'body'),
        message: v.message ?? 'is invalid',
      }));
      const first = issues[0];
      return reply
        .status(400)
        .send(errorBody('validation_failed', `${first.field}: ${first.message}`, { fields: issues }));
    }
    if (err.validation) {
      return reply.status(400).send(errorBody('validation_failed', err.message));
    }
    // PostgreSQL refusing a value (bad uuid, timestamp, number; a NUL the input guard could not
    // see, e.g. escaped inside a raw body) is the client's input, not our bug.
    const pgCode = (err as { code?: string }).code;
    if (pgCode && CLIENT_VALUE_ERRORS.has(pgCode)) {
      return reply.status(400).send(errorBody('bad_request', 'A value in the request is not valid.'));
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return reply.status(413).send(errorBody('payload_too_large', 'The request body is too large.'));
    }
    if (status === 415) return reply.status(415).send(errorBody('unsupported_media_type', err.message));
    if (status === 429) return reply.status(429).send(errorBody('rate_limited', err.message));
    if (status >= 400 && status < 500) {
      const code = status === 400 ? 'bad_request' : status === 404 ? 'not_found' : 'request_refused';
      return reply.status(status).send(errorBody(code, err.message));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send(errorBody('internal_error', 'Something went wrong on our side.'));
  });
}
