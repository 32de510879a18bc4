/**
 * The one writer of what the timeline puts on the conversation row: the last message (preview,
 * type, direction, time), the last inbound message and the per-channel inbound times (messaging
 * windows), the channels used, the unread count and reopening. Every path that adds or changes a
 * channel item goes through here — recordMessage (one item), the group-committed inbound batch
 * (many), a scheduled message at its send time, a call whose outcome changes its preview — so the
 * rules exist once. Assignment, star, read and state changes by people are conversations/service.ts.
 */
import type { Direction, MessageType } from '#shared/messages';
import { prepared } from '../db/pool';
import type { Tx } from '../db/tx';
import { CONVERSATION_COLUMNS } from './queries';

export interface Touch {
  locationId: string;
  conversationId: string;
  /** The newest of the items this touch stands for (it becomes the preview when newer than the current one). */
  messageId: string;
  at: Date;
  type: MessageType;
  direction: Direction;
  preview: string | null;
  /** Inbound items that count as unread (not quiet). */
  unread: number;
  /** A team member replied: the conversation is read. */
  read: boolean;
}

/**
 * Applies the touches (one per conversation) in one statement; answers the conversation rows as the
 * list shows them (conversations/queries.ts#toConversation), in no particular order. Callers sort
 * touches by (location, conversation) so concurrent batches lock rows in the same order.
 */
const TOUCH = prepared(
  'conversation_touch_many',
  `WITH u AS (SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::int[], $9::bool[])
                AS u(location_id, id, message_id, at, type, direction, body, unread, read)),
   up AS (
     UPDATE conversations c SET
       last_message_id        = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.message_id ELSE c.last_message_id END,
       last_message_type      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.type ELSE c.last_message_type END,
       last_message_direction = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.direction ELSE c.last_message_direction END,
       last_message_body      = CASE WHEN u.at >= c.last_message_at OR c.last_message_id IS NULL THEN u.body ELSE c.last_message_body END,
       last_message_at        = CASE WHEN c.last_message_id IS NULL THEN u.at ELSE greatest(c.last_message_at, u.at) END,
       last_inbound_at   = CASE WHEN u.direction = 'inbound' AND (u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL) THEN u.at ELSE c.last_inbound_at END,
       last_inbound_type = CASE WHEN u.direction = 'inbound' AND (u.at >= c.last_inbound_at OR c.last_inbound_at IS NULL) THEN u.type ELSE c.last_inbound_type END,
       inbound_at = CASE WHEN u.direction = 'inbound' AND (c.inbound_at->>u.type IS NULL OR (c.inbound_at->>u.type)::timestamptz <= u.at)
                         THEN c.inbound_at || jsonb_build_object(u.type, u.at) ELSE c.inbound_at END,
       channels = CASE WHEN u.type = ANY(c.channels) THEN c.channels ELSE c.channels || u.type END,
       -- A reply by a team member reads the conversation; each inbound item (not quiet) adds an unread and reopens.
       unread_count = CASE WHEN u.unread > 0 THEN c.unread_count + u.unread WHEN u.read THEN 0 ELSE c.unread_count END,
       state = CASE WHEN u.unread > 0 THEN 'open' ELSE c.state END,
       updated_at = now()
     FROM u WHERE c.location_id = u.location_id AND c.id = u.id
     RETURNING c.*)
   SELECT ${CONVERSATION_COLUMNS('up')}
     FROM up JOIN contacts ct ON ct.location_id = up.location_id AND ct.id = up.contact_id`,
);

export async function touchConversations(tx: Tx, touches: Touch[]): Promise<any[]> {
  if (touches.length === 0) return [];
  const r = await tx.query(TOUCH, [
    touches.map((t) => t.locationId),
    touches.map((t) => t.conversationId),
    touches.map((t) => t.messageId),
    touches.map((t) => t.at),
    touches.map((t) => t.type),
    touches.map((t) => t.direction),
    touches.map((t) => t.preview),
    touches.map((t) => t.unread),
    touches.map((t) => t.read),
  ]);
  return r.rows;
}

/**
 * An item already on the row changed how it reads (a call that ended missed, then turned into a
 * voicemail): its preview when it is the last message, and unread counted up or given back.
 * Answers whether the row changed.
 */
export async function retouchConversation(
  tx: Tx,
  t: { locationId: string; conversationId: string; messageId: string; preview: string | null; unreadDelta: number },
): Promise<boolean> {
  const u = await tx.query(
    `UPDATE conversations SET
        last_message_body = CASE WHEN last_message_id = $3 THEN $4 ELSE last_message_body END,
        unread_count = greatest(0, unread_count + $5),
        state = CASE WHEN $5 > 0 THEN 'open' ELSE state END,
        updated_at = now()
      WHERE location_id = $1 AND id = $2
        AND ((last_message_id = $3 AND last_message_body IS DISTINCT FROM $4) OR $5 <> 0)`,
    [t.locationId, t.conversationId, t.messageId, t.preview, t.unreadDelta],
  );
  return (u.rowCount ?? 0) > 0;
}
