/**
 * Message status changes move forward only: a late "sent" never replaces "delivered". Failures are
 * final for delivery states, but a "read" receipt still counts after "delivered". Calls have their
 * own ladder (queued < answered < busy/no-answer/canceled/failed < completed < voicemail).
 */
import type { MessageStatus } from '#shared/messages';
import type { Tx } from '../db/tx';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

const RANK: Partial<Record<MessageStatus, number>> = {
  pending: 0,
  scheduled: 0,
  queued: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  read: 4,
  // Calls (TYPE_CALL): ringing is 'queued'; someone picked up; how it ended. 'completed' outranks
  // the missed outcomes because only a leg that was answered reports it (it corrects a "missed"
  // guessed from callbacks that arrived out of order); a voicemail left beats everything.
  answered: 2,
  busy: 3,
  'no-answer': 3,
  canceled: 3,
  completed: 4,
  voicemail: 5,
};

export const statusRank = (s: string) => RANK[s as MessageStatus] ?? 0;

export interface StatusChange {
  status: MessageStatus;
  errorCode?: string | null;
  errorMessage?: string | null;
  /** Extra fields merged into messages.channel (provider id, segments…). */
  channel?: Record<string, unknown>;
  providerMessageId?: string;
  provider?: string;
  /** Allow any move (a retry puts a failed message back to queued). */
  force?: boolean;
}

/** Applies a status change if it moves forward; emits message.updated. Answers whether it applied. */
export async function applyStatus(tx: Tx, locationId: string, messageId: string, change: StatusChange): Promise<boolean> {
  const cur = await tx.query('SELECT status FROM messages WHERE location_id = $1 AND id = $2 FOR UPDATE', [locationId, messageId]);
  if (!cur.rows[0]) return false;
  const moves = change.force || statusRank(change.status) > statusRank(cur.rows[0].status);
  if (!moves && !change.providerMessageId && !change.channel) return false;
  const r = await tx.query(
    `UPDATE messages SET
        status = CASE WHEN $3 THEN $4 ELSE status END,
        error_code = CASE WHEN $3 THEN $5 ELSE error_code END,
        error_message = CASE WHEN $3 THEN $6 ELSE error_message END,
        channel = channel || $7::jsonb,
        provider = coalesce($8, provider),
        provider_message_id = coalesce($9, provider_message_id),
        updated_at = now()
      WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
    [
      locationId,
      messageId,
      moves,
      change.status,
      change.errorCode ?? null,
      change.errorMessage ?? null,
      JSON.stringify(change.channel ?? {}),
      change.provider ?? null,
      change.providerMessageId ?? null,
    ],
  );
  const row = r.rows[0];
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [locationId, messageId]);
  tx.emit({ locationId, type: 'message.updated', conversationId: row.conversation_id, data: toMessage(row, a.rows.map(toAttachment)) });
  return moves;
}
