import type { Queryable } from '../db/pool';
import { decodeKeyset, page } from '../http/cursor';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

/** A page of a thread, newest first, with its attachments in one extra query. */
export async function listMessages(db: Queryable, locationId: string, conversationId: string, q: { limit: number; cursor?: string }) {
  const after = decodeKeyset(q.cursor);
  const values: unknown[] = [locationId, conversationId, q.limit + 1];
  let keyset = '';
  if (after) {
    values.push(after.k, after.id);
    keyset = 'AND (created_at, id) < ($4::timestamptz, $5::uuid)';
  }
  const r = await db.query(
    `SELECT ${MESSAGE_COLUMNS}, created_at::text AS _k FROM messages
      WHERE location_id = $1 AND conversation_id = $2 ${keyset}
      ORDER BY created_at DESC, id DESC LIMIT $3`,
    values,
  );
  const ids = r.rows.map((m) => m.id);
  const byMessage = new Map<string, ReturnType<typeof toAttachment>[]>();
  if (ids.length) {
    const a = await db.query(
      `SELECT id, message_id, file_name, content_type, size FROM attachments
        WHERE location_id = $1 AND message_id = ANY($2::uuid[]) ORDER BY created_at`,
      [locationId, ids],
    );
    for (const row of a.rows) {
      const list = byMessage.get(row.message_id) ?? [];
      list.push(toAttachment(row));
      byMessage.set(row.message_id, list);
    }
  }
  return page(r.rows, q.limit, (m) => toMessage(m, byMessage.get(m.id)));
}
