/**
 * Notifications of team members: written by `notify` in the transaction of their cause (an inbound
 * message or a missed call on an assigned conversation, an assignment, a mention), each followed by a
 * `notification.created` event that only its recipient's sockets receive (see socket-route.ts).
 */
import type { Notification, NotificationKind } from '#shared/notifications';
import type { Pool, Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { decodeKeyset, page } from '../http/cursor';
import { notFound } from '../http/errors';
import { displayName } from '../contacts/serialize';
import { oneLine } from '../messages/preview';


export const NOTIFICATION_SELECT = `
  SELECT n.id, n.user_id, n.kind, n.conversation_id, n.message_id, n.actor_id, a.name AS actor_name, n.body, n.count,
         n.created_at, n.read_at, n.created_at::text AS _k, ct.first_name, ct.last_name, ct.phone, ct.email
    FROM notifications n
    JOIN conversations c ON c.location_id = n.location_id AND c.id = n.conversation_id
    JOIN contacts ct ON ct.location_id = c.location_id AND ct.id = c.contact_id
    LEFT JOIN users a ON a.id = n.actor_id`;

export function toNotification(r: any): Notification {
  return {
    id: r.id,
    userId: r.user_id,
    kind: r.kind,
    conversationId: r.conversation_id,
    messageId: r.message_id,
    contactName: displayName(r),
    actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
    body: r.body,
    count: r.count,
    createdAt: r.created_at.toISOString(),
    readAt: r.read_at ? r.read_at.toISOString() : null,
  };
}

export interface NotifyInput {
  locationId: string;
  kind: NotificationKind;
  conversationId: string;
  userIds: (string | null | undefined)[];
  messageId?: string | null;
  /** Who caused it: never notified of their own action. */
  actorId?: string | null;
  body?: string | null;
}

/**
 * Notifies the team members among userIds who want this kind (users.preferences.notifications)
 * and may see the conversation ("only assigned" members: only their own). An unread inbound (or call)
 * notification of the same conversation is refreshed (count + 1) instead of adding another.
 */
export async function notify(tx: Tx, n: NotifyInput): Promise<void> {
  const wanted = [...new Set(n.userIds.filter((u): u is string => !!u && u !== n.actorId))];
  if (wanted.length === 0) return;
  const r = await tx.query<{ user_id: string }>(
    `SELECT m.user_id FROM memberships m
       JOIN users u ON u.id = m.user_id
       JOIN conversations c ON c.location_id = m.location_id AND c.id = $2
      WHERE m.location_id = $1 AND m.user_id = ANY($3::uuid[])
        AND coalesce((u.preferences -> 'notifications' ->> $4)::boolean, true)
        AND (NOT coalesce((m.permissions ->> 'onlyAssigned')::boolean, false) OR c.assigned_to = m.user_id)`,
    [n.locationId, n.conversationId, wanted, n.kind],
  );
  const body = oneLine(n.body);
  const ids: string[] = [];
  for (const { user_id: userId } of r.rows) {
    if (n.kind === 'inbound' || n.kind === 'call') {
      // The same item again (a missed call that became a voicemail) refreshes it without counting twice.
      const up = await tx.query<{ id: string }>(
        `UPDATE notifications SET count = count + CASE WHEN message_id IS NOT DISTINCT FROM $5 THEN 0 ELSE 1 END,
                body = $4, message_id = $5, created_at = clock_timestamp()
          WHERE location_id = $1 AND user_id = $2 AND conversation_id = $3 AND kind = $6 AND read_at IS NULL
          RETURNING id`,
        [n.locationId, userId, n.conversationId, body, n.messageId ?? null, n.kind],
      );
      if (up.rows[0]) {
        ids.push(up.rows[0].id);
        continue;
      }
    }
    const ins = await tx.query<{ id: string }>(
      `INSERT INTO notifications (location_id, user_id, kind, conversation_id, message_id, actor_id, body, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, clock_timestamp()) RETURNING id`,
      [n.locationId, userId, n.kind, n.conversationId, n.messageId ?? null, n.actorId ?? null, body],
    );
    ids.push(ins.rows[0].id);
  }
  if (ids.length === 0) return;
  const loaded = await tx.query(`${NOTIFICATION_SELECT} WHERE n.location_id = $1 AND n.id = ANY($2::uuid[]) ORDER BY n.created_at`, [n.locationId, ids]);
  for (const row of loaded.rows) tx.emit({ locationId: n.locationId, type: 'notification.created', data: toNotification(row) });
}

/**
 * A new inbound message (recordMessage), or a missed call or voicemail (kind 'call', twilio/call-item.ts):
 * the conversation's assignee hears of it.
 */
export async function notifyAssignee(
  tx: Tx,
  m: { locationId: string; conversationId: string; messageId: string; body: string | null; kind?: 'inbound' | 'call' },
): Promise<void> {
  const r = await tx.query<{ assigned_to: string | null }>('SELECT assigned_to FROM conversations WHERE location_id = $1 AND id = $2', [
    m.locationId,
    m.conversationId,
  ]);
  const assignee = r.rows[0]?.assigned_to;
  if (assignee) await notify(tx, { ...m, kind: m.kind ?? 'inbound', userIds: [assignee] });
}

/**
 * A call first reported missed and then answered (callbacks out of order): its unread call
 * notification (when it stands for that call alone) is marked read, so the badge gives it back.
 */
export async function withdrawCallNotification(tx: Tx, locationId: string, messageId: string): Promise<void> {
  const r = await tx.query<{ id: string; user_id: string; read_at: Date }>(
    `UPDATE notifications SET read_at = now()
      WHERE location_id = $1 AND message_id = $2 AND kind = 'call' AND count = 1 AND read_at IS NULL
      RETURNING id, user_id, read_at`,
    [locationId, messageId],
  );
  for (const row of r.rows) {
    tx.emit({ locationId, type: 'notification.read', data: { userId: row.user_id, ids: [row.id], readAt: row.read_at.toISOString() } });
  }
}

/** Unread notifications of a user, counted up to 100 (the badge shows 99+ beyond). */
export async function unreadCount(db: Queryable, locationId: string, userId: string): Promise<number> {
  const r = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM notifications WHERE location_id = $1 AND user_id = $2 AND read_at IS NULL LIMIT 100) x`,
    [locationId, userId],
  );
  return r.rows[0].n;
}

export async function listNotifications(
  db: Queryable,
  locationId: string,
  userId: string,
  q: { limit: number; cursor?: string; unread?: boolean },
) {
  const values: unknown[] = [locationId, userId, q.limit + 1];
  const where = ['n.location_id = $1', 'n.user_id = $2'];
  if (q.unread) where.push('n.read_at IS NULL');
  const after = decodeKeyset(q.cursor);
  if (after) {
    values.push(after.k, after.id);
    where.push('(n.created_at, n.id) < ($4::timestamptz, $5::uuid)');
  }
  const r = await db.query(`${NOTIFICATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY n.created_at DESC, n.id DESC LIMIT $3`, values);
  return { ...page(r.rows, q.limit, toNotification), unreadCount: await unreadCount(db, locationId, userId) };
}

/** Marks one notification (ids: [id]) or all of the user's (ids: null) read; answers the unread count. */
export async function markRead(pool: Pool, locationId: string, userId: string, ids: string[] | null): Promise<number> {
  return withTx(pool, async (tx) => {
    if (ids) {
      const own = await tx.query('SELECT 1 FROM notifications WHERE location_id = $1 AND user_id = $2 AND id = ANY($3::uuid[])', [
        locationId,
        userId,
        ids,
      ]);
      if (own.rowCount !== ids.length) throw notFound('Notification');
    }
    const r = await tx.query<{ read_at: Date }>(
      `UPDATE notifications SET read_at = now()
        WHERE location_id = $1 AND user_id = $2 AND read_at IS NULL ${ids ? 'AND id = ANY($3::uuid[])' : ''}
        RETURNING read_at`,
      ids ? [locationId, userId, ids] : [locationId, userId],
    );
    if (r.rows[0]) {
      tx.emit({ locationId, type: 'notification.read', data: { userId, ids, readAt: r.rows[0].read_at.toISOString() } });
    }
    return unreadCount(tx, locationId, userId);
  });
}
