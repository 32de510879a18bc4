import type { Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';
import { listMessages } from './list';

/** A jump further back than this many newer items is refused (the page would be too large). */
export const AROUND_MAX_NEWER = 5_000;

/**
 * GET /conversations/{id}/messages?around=<messageId>: the thread from its newest item down to
 * that message and `limit` older ones, newest first, with the usual cursor for what is older. One
 * contiguous page, so a client's newest-first pages stay contiguous and live items still join the
 * first page; the count of newer items is read from the thread index.
 */
export async function listAround(db: Queryable, locationId: string, conversationId: string, messageId: string, limit: number) {
  const r = await db.query<{ newer: number }>(
    `SELECT (SELECT count(*) FROM messages m
              WHERE m.location_id = $1 AND m.conversation_id = $2 AND (m.created_at, m.id) > (t.created_at, t.id))::int AS newer
       FROM messages t WHERE t.location_id = $1 AND t.conversation_id = $2 AND t.id = $3`,
    [locationId, conversationId, messageId],
  );
  if (!r.rows[0]) throw notFound('Message');
  const { newer } = r.rows[0];
  if (newer > AROUND_MAX_NEWER) {
    throw new AppError(422, 'message_too_far_back', `around: the message has more than ${AROUND_MAX_NEWER} newer items; page with cursor instead.`);
  }
  return listMessages(db, locationId, conversationId, { limit: newer + 1 + limit });
}
