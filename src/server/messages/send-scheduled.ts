/**
 * The job that sends a scheduled message at its time (queued by schedule.ts, one per message).
 * Everything is checked again as for an immediate send — DND, messaging window, channel, recipient,
 * merge fields (filled in now) — then the message goes out like any reply (built-in channels at
 * once, provider channels through their send job), or is marked failed with the reason.
 */
import type { Task } from 'graphile-worker';
import type { SendType } from '#shared/messages';
import { SEND_TYPE_TO_MESSAGE_TYPE } from '#shared/send-rules';
import { adapterFor, deliversOnCommit } from '../channels/registry';
import { loadConversation } from '../conversations/queries';
import { withTx, type Tx } from '../db/tx';
import { AppError } from '../http/errors';
import type { Deps } from '../http/types';
import { resolveMerge } from '../snippets/merge-context';
import { touchConversation } from './record';
import { assertSendable, loadContactOfConversation } from './send';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

export interface SendScheduledPayload {
  locationId: string;
  messageId: string;
}

const sendTypeOf = (messageType: string) =>
  (Object.entries(SEND_TYPE_TO_MESSAGE_TYPE) as [SendType, string][]).find(([, t]) => t === messageType)?.[0];

/** The rules of an immediate send, and the merged parts; an AppError says why it cannot go. */
async function prepare(tx: Tx, locationId: string, row: any, type: SendType | undefined) {
  if (!type) throw new AppError(422, 'channel_not_connected', 'This kind of message cannot be sent.');
  const contact = await loadContactOfConversation(tx, locationId, row.conversation_id);
  await assertSendable(tx, locationId, row.conversation_id, contact, type);
  if (type === 'SMS' && !row.channel.to) throw new AppError(422, 'no_recipient', 'This contact has no phone number.');
  if (type === 'Email' && !contact.email) throw new AppError(422, 'no_recipient', 'This contact has no e-mail address.');
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
      const type = sendTypeOf(row.message_type);

      let update: { status: string; body: string | null; channel: Record<string, unknown>; errorCode: string | null; errorMessage: string | null };
      try {
        const merged = await prepare(tx, locationId, row, type);
        const channel: Record<string, unknown> = {};
        if (merged.subject != null) channel.subject = merged.subject;
        if (merged.html != null) channel.html = merged.html;
        update = { status: type && deliversOnCommit(type) ? 'sent' : 'queued', body: merged.body ?? null, channel, errorCode: null, errorMessage: null };
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
      await touchConversation(tx, {
        locationId,
        conversationId: sent.conversation_id,
        row: sent,
        messageType: sent.message_type,
        direction: 'outbound',
        // A reply that went out reads the conversation, as an immediate one does; a refused one does not.
        userId: update.status === 'failed' ? null : sent.user_id,
        files,
      });
      if (update.status === 'queued') await adapterFor(type!)?.requeue(tx, locationId, messageId);

      tx.emit({ locationId, type: 'message.updated', conversationId: sent.conversation_id, data: toMessage(sent, files) });
      tx.emit({ locationId, type: 'conversation.updated', conversationId: sent.conversation_id, data: await loadConversation(tx, locationId, sent.conversation_id) });
    });
  };
