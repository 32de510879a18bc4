/**
 * notify(kind 'inbound') for a batch of new inbound messages (messages/inbound-batch.ts): the
 * assignee of each conversation hears of it, unless they turned inbound notifications off; an
 * unread inbound notification of that conversation is refreshed (count + the batch's messages)
 * instead of adding another. Two statements for the whole batch.
 */
import { prepared } from '../db/pool';
import { oneLine } from '../messages/preview';
import type { Tx } from '../db/tx';
import { NOTIFICATION_SELECT, toNotification } from './service';

export interface InboundNotice {
  locationId: string;
  conversationId: string;
  /** The conversation's assignee. */
  userId: string;
  /** The newest of the batch's messages in that conversation, and how many there were. */
  messageId: string;
  body: string | null;
  count: number;
}


const NOTIFY_INBOUND = prepared(
  'notify_inbound_batch',
  `WITH w AS (
       SELECT i.* FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[])
                AS i(location_id, conversation_id, user_id, message_id, body, n)
         JOIN memberships m ON m.location_id = i.location_id AND m.user_id = i.user_id
         JOIN users u ON u.id = m.user_id
        WHERE coalesce((u.preferences -> 'notifications' ->> 'inbound')::boolean, true)),
     up AS (
       UPDATE notifications n SET count = n.count + w.n, body = w.body, message_id = w.message_id, created_at = clock_timestamp()
         FROM w
        WHERE n.location_id = w.location_id AND n.user_id = w.user_id AND n.conversation_id = w.conversation_id
          AND n.kind = 'inbound' AND n.read_at IS NULL
       RETURNING n.location_id, n.id, n.conversation_id, n.user_id),
     ins AS (
       INSERT INTO notifications (location_id, user_id, kind, conversation_id, message_id, body, count, created_at)
       SELECT w.location_id, w.user_id, 'inbound', w.conversation_id, w.message_id, w.body, w.n, clock_timestamp() FROM w
        WHERE NOT EXISTS (SELECT 1 FROM up WHERE up.location_id = w.location_id AND up.conversation_id = w.conversation_id AND up.user_id = w.user_id)
       RETURNING location_id, id)
     SELECT location_id, id FROM up UNION ALL SELECT location_id, id FROM ins`,
);

const LOAD = prepared(
  'notifications_load_batch',
  `${NOTIFICATION_SELECT} JOIN unnest($1::uuid[], $2::uuid[]) AS k(location_id, id) ON n.location_id = k.location_id AND n.id = k.id
    ORDER BY n.created_at`,
);

export async function notifyInboundBatch(tx: Tx, notices: InboundNotice[]): Promise<void> {
  if (notices.length === 0) return;
  const r = await tx.query<{ location_id: string; id: string }>(
    NOTIFY_INBOUND,
    [
      notices.map((n) => n.locationId),
      notices.map((n) => n.conversationId),
      notices.map((n) => n.userId),
      notices.map((n) => n.messageId),
      notices.map((n) => oneLine(n.body)),
      notices.map((n) => n.count),
    ],
  );
  if (r.rows.length === 0) return;
  const loaded = await tx.query(LOAD, [r.rows.map((x) => x.location_id), r.rows.map((x) => x.id)]);
  const locationOf = new Map(r.rows.map((x) => [x.id, x.location_id]));
  for (const row of loaded.rows) tx.emit({ locationId: locationOf.get(row.id)!, type: 'notification.created', data: toNotification(row) });
}
