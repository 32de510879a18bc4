import { badRequest } from './errors';

/**
 * Keyset cursors: the sort key exactly as PostgreSQL printed it (`ts::text` keeps microseconds,
 * which a JS Date would lose) and the row id as tie-breaker. Opaque base64url to clients.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** timestamptz as PostgreSQL prints it, e.g. 2026-11-25 01:02:03.123456+00 */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export interface Keyset {
  k: string;
  id: string;
}

export function encodeKeyset(k: string, id: string): string {
  return Buffer.from(JSON.stringify([k, id])).toString('base64url');
}

export function decodeKeyset(cursor: string | undefined): Keyset | null {
  if (!cursor) return null;
  try {
    const [k, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof k === 'string' && typeof id === 'string' && UUID.test(id) && PG_TIMESTAMP.test(k)) return { k, id };
  } catch {
    /* fall through */
  }
  throw badRequest('invalid_cursor', 'cursor: not a cursor returned by this list', {
    fields: [{ field: 'querystring.cursor', message: 'is not a cursor returned by this list' }],
  });
}

/** Builds {items, nextCursor} from rows fetched with limit + 1. */
export function page<R extends { _k: string; id: string }, T>(rows: R[], limit: number, map: (r: R) => T) {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(map), nextCursor: more && last ? encodeKeyset(last._k, last.id) : null };
}
