import type { ConversationListQuery, ConversationPage } from '#shared/conversations';
import type { Queryable } from '../db/pool';
import { badRequest } from '../http/errors';
import { decodeKeyset } from '../http/cursor';
import { currentSeq, encodeCursor } from '../realtime/event-log';
import { filterConditions } from './filters';
import { CONVERSATION_SELECT, toConversation } from './queries';
import { conversationSearchCondition } from '../search/conversations';

/** pg_snapshot as PostgreSQL prints it: xmin:xmax:xip,xip,… */
const PG_SNAPSHOT = /^\d{1,20}:\d{1,20}:(\d{1,20}(,\d{1,20})*)?$/;

/**
 * One query per page, keyset-paginated on (last_message_at, id) over an index that starts with
 * location_id (see filters.ts), so a page costs the same at row 10 or 100,000.
 *
 * Correct while messages arrive: the first page reads, in the same statement, the event-log
 * position (`snapshot`) and its MVCC snapshot, which every nextCursor carries. Later pages skip
 * the rows whose sort key changed after that snapshot (conversations.moved_xid not visible in it):
 * a row that moved can be neither repeated (in oldest-first order it would reappear at its new
 * place) nor silently lost (newest-first, it jumped above the cursor) — it is delivered by its
 * conversation.updated event, which comes after `snapshot`. Every other row keeps the key it had
 * in the snapshot, so the keyset walks over it exactly once.
 */
export async function listConversations(
  db: Queryable,
  locationId: string,
  userId: string | null,
  q: ConversationListQuery & { q?: string },
): Promise<ConversationPage> {
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['c.location_id = $1'];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  where.push(...filterConditions(q, userId, param));
  // Contact name/e-mail/phone and message text, matched like GET /search (search/conversations.ts).
  if (q.q) {
    const assignee = q.assignedTo === 'me' ? userId : q.assignedTo === 'unassigned' ? null : (q.assignedTo ?? null);
    where.push(await conversationSearchCondition(db, locationId, q.q, param, assignee));
  }
  const desc = q.sort !== 'asc';
  const after = decodeListCursor(q.cursor);
  if (after) {
    where.push(`(c.last_message_at, c.id) ${desc ? '<' : '>'} (${param(after.k)}::timestamptz, ${param(after.id)}::uuid)`);
    where.push(`pg_visible_in_snapshot(c.moved_xid, ${param(after.snap)}::pg_snapshot)`);
  }
  const dir = desc ? 'DESC' : 'ASC';
  // The position and snapshot come from the same statement as the rows (one MVCC snapshot); the
  // lateral join keeps them when the page is empty.
  const r = await db.query(
    `SELECT s._seq, s._snap, p.*
       FROM (SELECT coalesce((SELECT seq FROM event_counters WHERE location_id = $1), 0) AS _seq,
                    pg_current_snapshot()::text AS _snap) s
       LEFT JOIN LATERAL (
         ${CONVERSATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.last_message_at ${dir}, c.id ${dir} LIMIT $2
       ) p ON true
      ORDER BY p.last_message_at ${dir}, p.id ${dir}`,
    values,
  );
  const head = r.rows[0];
  const rows = r.rows.filter((row) => row.id !== null);
  const more = rows.length > q.limit;
  const slice = more ? rows.slice(0, q.limit) : rows;
  const last = slice.at(-1);
  return {
    items: slice.map(toConversation),
    nextCursor: more && last ? encodeListCursor(last._k, last.id, after?.snap ?? head._snap) : null,
    snapshot: encodeCursor(locationId, Number(head._seq)),
  };
}

function encodeListCursor(k: string, id: string, snap: string): string {
  return Buffer.from(JSON.stringify([k, id, snap])).toString('base64url');
}

function decodeListCursor(cursor: string | undefined): { k: string; id: string; snap: string } | null {
  const keyset = decodeKeyset(cursor);
  if (!keyset) return null;
  const snap = (JSON.parse(Buffer.from(cursor!, 'base64url').toString('utf8')) as unknown[])[2];
  if (typeof snap !== 'string' || !PG_SNAPSHOT.test(snap)) {
    throw badRequest('invalid_cursor', 'cursor: not a cursor returned by this list', {
      fields: [{ field: 'querystring.cursor', message: 'is not a cursor returned by this list' }],
    });
  }
  return { ...keyset, snap };
}

/** The answer when the caller may see nothing the filter asks for. */
export async function emptyPage(db: Queryable, locationId: string): Promise<ConversationPage> {
  return { items: [], nextCursor: null, snapshot: encodeCursor(locationId, await currentSeq(db, locationId)) };
}
