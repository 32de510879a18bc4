/**
 * The job that sends a scheduled message at its time (queued by schedule.ts, one per message).
 * Everything is checked again as for an immediate send — DND, messaging window, channel, recipient,
 * merge fields (filled in now) — then the message goes out like any reply (built-in channels at
 * once, provider channels through their send job), or is marked failed with the reason.
 */
import type { Task } from 'graphile-worker';
import type { SendType } from '#shared/messages';
import { CHANNEL_KINDS, sendTypeOfMessageType } from '#shared/channel-catalog';
import { enqueueDelivery } from '../channels/delivery';
import { toConversation } from '../conversations/queries';
import { withTx, type Tx } from '../db/tx';
import { AppError } from '../http/errors';
import type { Deps } from '../http/types';
import { resolveMerge } from '../snippets/merge-context';
import { touchOf } from './record';
import { touchConversations } from '../conversations/timeline-row';
import { assertSendable, loadContactOfConversation } from './send-context';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

export interface SendScheduledPayload {
  locationId: string;
  messageId: string;
}

/** The rules of an immediate send, and the merged parts; an AppError says why it cannot go. */
async function prepare(tx: Tx, locationId: string, row: any, type: SendType | undefined) {
  if (!type) throw new AppError(422, 'channel_not_connected', 'This kind of message cannot be sent.');
  const contact = await loadContactOfConversation(tx, locationId, row.conversation_id);
  await assertSendable(tx, locationId, row.conversation_id, contact, type);
  return resolveMerge(tx, locationId, contact, row.user_id, {
    body: row.body,
    subject: typeof row.channel.subject === 'string' ? row.channel.subject : null,
    html: typeof row.channel.html === 'string' ? row.channel.html : null,
  });
}

export const sendScheduledTask =
  (deps: Deps): Task =>
  async (raw) => {
    const { locationId, messageId } = raw as SendScheduledPayload;
    await withTx(deps.pool, async (tx) => {
      const r = await tx.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, messageId]);
      const row = r.rows[0];
      // Cancelled, sent or deleted meanwhile; or moved later (its job was replaced by a later one).
      if (!row || row.status !== 'scheduled' || row.scheduled_at.getTime() > Date.now() + 1_000) return;
      const type = sendTypeOfMessageType(row.message_type);

      let update: { status: string; body: string | null; channel: Record<string, unknown>; errorCode: string | null; errorMessage: string | null };
      try {
        const merged = await prepare(tx, locationId, row, type);
        const channel: Record<string, unknown> = {};
        if (merged.subject != null) channel.subject = merged.subject;
        if (merged.html != null) channel.html = merged.html;
        update = { status: type && CHANNEL_KINDS[type].deliversOnCommit ? 'sent' : 'queued', body: merged.body ?? null, channel, errorCode: null, errorMessage: null };
      } catch (err) {
        if (!(err instanceof AppError)) throw err; // a bug or the database: the queue retries
        update = { status: 'failed', body: row.body, channel: {}, errorCode: err.code, errorMessage: err.message };
      }

      // Sent (or refused) now: it takes its place in the thread and the conversation at this moment.
      const u = await tx.query(
        `UPDATE messages SET status = $3, body = $4, channel = channel || $5::jsonb, error_code = $6, error_message = $7,
                created_at = clock_timestamp(), updated_at = clock_timestamp()
          WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
        [locationId, messageId, update.status, update.body, JSON.stringify(update.channel), update.errorCode, update.errorMessage],
      );
      const sent = u.rows[0];
      const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [locationId, messageId]);
      const files = a.rows.map(toAttachment);
      // A reply that went out reads the conversation, as an immediate one does; a refused one does not.
      const touch = touchOf({ locationId, messageType: sent.message_type, direction: 'outbound', userId: update.status === 'failed' ? null : sent.user_id }, sent.conversation_id, sent, files);
      const [touched] = await touchConversations(tx, [touch]);
      if (update.status === 'queued') await enqueueDelivery(tx, locationId, messageId);

      tx.emit({ locationId, type: 'message.updated', conversationId: sent.conversation_id, data: toMessage(sent, files) });
      tx.emit({ locationId, type: 'conversation.updated', conversationId: sent.conversation_id, data: toConversation(touched) });
    });
  };
