/**
 * The one TYPE_CALL item of a call (provider 'twilio', provider_message_id = the CallSid that first
 * reached us) and how callbacks change it: the status only moves forward (messages/status.ts
 * ranks), meta is merged, and the conversation row follows:
 *  - its preview says how the call went when the call is the conversation's last item;
 *  - an inbound call counts as unread (and reopens the conversation) only once it ends missed
 *    (busy, no-answer, failed, canceled) or in a voicemail. An answered call was handled by whoever
 *    picked up; a call refused for DND never counts. A call first guessed missed and then reported
 *    answered (out-of-order callbacks) gives its unread back;
 *  - the assignee gets a notification (kind 'call') when an inbound call ends missed, refreshed
 *    when it becomes a voicemail.
 */
import type { MessageStatus } from '#shared/messages';
import type { Tx } from '../../db/tx';
import { loadConversation } from '../../conversations/queries';
import { retouchConversation } from '../../conversations/timeline-row';
import { notifyAssignee, withdrawCallNotification } from '../../notifications/service';
import { statusRank } from '../../messages/status';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from '../../messages/serialize';

export const MISSED: ReadonlySet<string> = new Set(['busy', 'no-answer', 'failed', 'canceled', 'voicemail']);

export interface CallRow {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  status: MessageStatus;
  meta: Record<string, any>;
}

/** The call item of a CallSid, locked for this transaction; null when we have none. */
export async function findCall(tx: Tx, locationId: string, sid: string): Promise<CallRow | null> {
  const r = await tx.query(
    `SELECT id, conversation_id, direction, status, meta FROM messages
      WHERE location_id = $1 AND provider = 'twilio' AND provider_message_id = $2 AND message_type = 'TYPE_CALL' FOR UPDATE`,
    [locationId, sid],
  );
  const row = r.rows[0];
  return row ? { id: row.id, conversationId: row.conversation_id, direction: row.direction, status: row.status, meta: row.meta ?? {} } : null;
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(Math.round(s) % 60).padStart(2, '0')}`;

/** What the conversation list shows for a call. */
export function callPreview(direction: string, status: string, meta: Record<string, any>): string {
  const dir = direction === 'inbound' ? 'Incoming' : 'Outgoing';
  switch (status) {
    case 'answered':
      return `${dir} call in progress`;
    case 'completed':
      return meta.duration ? `${dir} call · ${clock(Number(meta.duration))}` : `${dir} call`;
    case 'voicemail':
      return meta.recording?.duration ? `Voicemail · ${clock(Number(meta.recording.duration))}` : 'Voicemail';
    case 'busy':
    case 'no-answer':
    case 'failed':
    case 'canceled':
      if (meta.rejected === 'dnd') return 'Call declined (DND)';
      return direction === 'inbound' ? 'Missed call' : `Outgoing call · ${status === 'no-answer' ? 'no answer' : status}`;
    default:
      return `${dir} call`;
  }
}

export interface CallChange {
  status?: MessageStatus;
  meta?: Record<string, unknown>;
  errorCode?: string | null;
  errorMessage?: string | null;
}

/**
 * Applies a change to a call item (status forward only; meta merged either way). Emits
 * message.updated, and conversation.updated when its row changed. Answers whether the status moved.
 */
export async function updateCall(tx: Tx, locationId: string, call: CallRow, change: CallChange): Promise<boolean> {
  const moves = !!change.status && statusRank(change.status) > statusRank(call.status);
  const metaChanges = Object.entries(change.meta ?? {}).some(([k, v]) => JSON.stringify(call.meta[k]) !== JSON.stringify(v));
  if (!moves && !metaChanges) return false;
  const r = await tx.query(
    `UPDATE messages SET
        status = CASE WHEN $3 THEN $4 ELSE status END,
        error_code = CASE WHEN $3 AND $5::text IS NOT NULL THEN $5 ELSE error_code END,
        error_message = CASE WHEN $3 AND $6::text IS NOT NULL THEN $6 ELSE error_message END,
        meta = meta || $7::jsonb,
        updated_at = now()
      WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
    [locationId, call.id, moves, change.status ?? null, change.errorCode ?? null, change.errorMessage ?? null, JSON.stringify(change.meta ?? {})],
  );
  const row = r.rows[0];
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2 ORDER BY created_at', [
    locationId,
    call.id,
  ]);
  tx.emit({ locationId, type: 'message.updated', conversationId: row.conversation_id, data: toMessage(row, a.rows.map(toAttachment)) });

  let unread = 0;
  if (moves && call.direction === 'inbound' && !row.meta.rejected) {
    const was = MISSED.has(call.status);
    const is = MISSED.has(row.status);
    unread = is && !was ? 1 : was && !is ? -1 : 0;
  }
  Object.assign(call, { status: row.status, meta: row.meta });
  await refreshConversation(tx, locationId, call, unread);
  // The assignee hears of a missed call, and again (the same notification) when it turns into a voicemail.
  if (moves && call.direction === 'inbound' && !row.meta.rejected && MISSED.has(row.status)) {
    const body = callPreview(call.direction, call.status, call.meta);
    await notifyAssignee(tx, { locationId, conversationId: call.conversationId, messageId: call.id, body, kind: 'call' });
  } else if (unread < 0) {
    await withdrawCallNotification(tx, locationId, call.id);
  }
  return moves;
}

/** The conversation's preview (when this call is its last item) and unread count. */
export async function refreshConversation(tx: Tx, locationId: string, call: CallRow, unread = 0): Promise<void> {
  const changed = await retouchConversation(tx, {
    locationId,
    conversationId: call.conversationId,
    messageId: call.id,
    preview: callPreview(call.direction, call.status, call.meta),
    unreadDelta: unread,
  });
  if (!changed) return;
  tx.emit({ locationId, type: 'conversation.updated', conversationId: call.conversationId, data: (await loadConversation(tx, locationId, call.conversationId))! });
}
