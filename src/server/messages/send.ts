/**
 * A reply from the team, the same steps for every channel: the catalog (what the channel takes) →
 * the send rules (DND, window, connection, recipient) → the adapter's prepare (sender, recipient,
 * threading; writes nothing) → recordMessage (queued, scheduled, or sent at once on a built-in
 * channel) → the delivery job. Nothing reaches a provider before every rule has passed.
 */
import { CHANNEL_KINDS, sendTypeOfMessageType } from '#shared/channel-catalog';
import type { Contact } from '#shared/contacts';
import type { Message, SendMessage, SendType } from '#shared/messages';
import { withTx, type Tx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import { enqueueDelivery } from '../channels/delivery';
import { recordMessage } from './record';
import type { Deps } from '../http/types';
import type { Queryable } from '../db/pool';
import { resolveMerge } from '../snippets/merge-context';
import { clearDraft } from '../drafts/service';
import { enqueueScheduled, resolveSendAt } from './schedule';
import { assertSendable, loadContactOfConversation } from './send-context';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

export { assertSendable, loadContactOfConversation } from './send-context';

/** What the channel takes (#shared/channel-catalog): a subject where it has one, its length, its files. */
async function assertFits(tx: Queryable, locationId: string, input: SendMessage): Promise<void> {
  const kind = CHANNEL_KINDS[input.type];
  const field = (name: string, message: string, code = 'validation_failed', status = 400) =>
    new AppError(status, code, `${name}: ${message}`, { fields: [{ field: `body.${name}`, message }] });
  if (!input.body?.trim() && !input.html?.trim() && !input.attachments?.length) {
    throw new AppError(400, 'validation_failed', 'body: write a message or attach a file.', { fields: [{ field: 'body', message: 'is empty' }] });
  }
  if (kind.composer.subject && !input.subject?.trim()) {
    throw new AppError(400, 'validation_failed', 'subject: an e-mail needs a subject.', { fields: [{ field: 'subject', message: `is required for ${kind.label}` }] });
  }
  if ((input.body?.length ?? 0) > kind.maxLength) throw field('body', `${kind.label} takes at most ${kind.maxLength.toLocaleString('en-US')} characters.`);
  if (!input.attachments?.length) return;
  if (!kind.attachments) throw field('attachments', `${kind.label} cannot carry files.`, 'attachment_type_not_allowed', 415);
  if (input.attachments.length > kind.attachments.maxFiles) {
    throw field('attachments', `${kind.label} takes at most ${kind.attachments.maxFiles} file${kind.attachments.maxFiles === 1 ? '' : 's'} per message.`, 'too_many_attachments', 422);
  }
  const a = await tx.query<{ file_name: string; size: string }>(
    // A web chat visitor's upload is theirs to send, never the team's.
    `SELECT file_name, size FROM attachments WHERE location_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL AND visitor_id IS NULL`,
    [locationId, input.attachments],
  );
  if (a.rows.length !== new Set(input.attachments).size) throw notFound('Attachment');
  const refused = a.rows.find((f) => !kind.attachments!.extensions.includes(f.file_name.toLowerCase().split('.').pop() as never));
  if (refused) throw new AppError(415, 'attachment_type_not_allowed', `${kind.label} cannot carry "${refused.file_name}" (this type of file).`);
  const total = a.rows.reduce((n, f) => n + Number(f.size), 0);
  if (total > kind.attachments.maxTotalBytes) {
    throw new AppError(413, 'attachments_too_large', `${kind.label} takes at most ${Math.round(kind.attachments.maxTotalBytes / 1048576)} MB of files per message.`);
  }
}

export async function sendMessage(deps: Deps, locationId: string, userId: string | null, conversationId: string, input: SendMessage): Promise<Message> {
  return withTx(deps.pool, async (tx) => {
    const contact = await loadContactOfConversation(tx, locationId, conversationId);
    await assertFits(tx, locationId, input);
    await assertSendable(tx, locationId, conversationId, contact, input.type);
    // The To picker offers the contact's own numbers only: never an arbitrary recipient.
    if (input.toNumber && ![contact.phone, ...contact.additionalPhones].includes(input.toNumber)) {
      throw new AppError(422, 'invalid_to_number', `${input.toNumber} is not one of this contact's phone numbers.`, {
        fields: [{ field: 'body.toNumber', message: "is not one of the contact's phone numbers" }],
      });
    }
    // Merge fields: an unknown or empty one is refused now (422). A scheduled message keeps them as
    // written; they are filled in (and checked again) at its time.
    const scheduledAt = input.scheduledAt ? await resolveSendAt(tx, locationId, input.scheduledAt, input.timezone) : undefined;
    const merged = await resolveMerge(tx, locationId, contact, userId, { body: input.body, subject: input.subject, html: input.html });
    if (!scheduledAt) input = { ...input, body: merged.body ?? undefined, subject: merged.subject ?? undefined, html: merged.html ?? undefined };
    await clearDraft(tx, locationId, userId, conversationId);
    const message = await recordSend(tx, deps, { locationId, conversationId, contact, userId, input, scheduledAt });
    if (scheduledAt) await enqueueScheduled(tx, locationId, message.id, scheduledAt);
    return message;
  });
}

/**
 * After the rules: the adapter prepares (sender, recipient, final text), the item is recorded and
 * its delivery queued — or it is scheduled, or (a built-in channel) sent as the transaction commits.
 */
export async function recordSend(
  tx: Tx,
  deps: Deps,
  req: { locationId: string; conversationId: string; contact: Contact; userId: string | null; input: SendMessage; scheduledAt?: Date; automated?: string },
): Promise<Message> {
  const kind = CHANNEL_KINDS[req.input.type];
  const adapter = deps.channels.forSendType(req.input.type);
  if (!adapter?.outbound) throw new AppError(422, 'channel_not_connected', `${kind.label} cannot be sent from this server.`, { channel: req.input.type });
  const prepared = await adapter.outbound.prepare(tx, deps, req);
  const status = req.scheduledAt ? 'scheduled' : kind.deliversOnCommit ? 'sent' : 'queued';
  const { message } = await recordMessage(tx, {
    locationId: req.locationId,
    contactId: req.contact.id,
    messageType: kind.messageType,
    direction: 'outbound',
    status,
    scheduledAt: req.scheduledAt,
    createdAt: req.scheduledAt,
    body: prepared.body !== undefined ? prepared.body : (req.input.body ?? null),
    channel: prepared.channel,
    meta: { ...prepared.meta, ...(req.automated && { automated: req.automated }) },
    channelId: prepared.channelId,
    userId: req.userId,
    attachmentIds: req.input.attachments,
  });
  if (status === 'queued') await enqueueDelivery(tx, req.locationId, message.id);
  return message;
}

/**
 * Retries a failed outbound message: the same rules are checked again (DND may have been set since),
 * then it goes back to the delivery queue (or out at once on a built-in channel).
 */
export async function retryMessage(deps: Deps, locationId: string, messageId: string): Promise<Message> {
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, messageId]);
    const row = r.rows[0];
    if (!row) throw notFound('Message');
    const type = sendTypeOfMessageType(row.message_type);
    if (row.direction !== 'outbound' || !type || !['failed', 'undelivered'].includes(row.status)) {
      throw new AppError(422, 'not_retryable', 'Only a failed outbound message can be retried.');
    }
    const contact = await loadContactOfConversation(tx, locationId, row.conversation_id);
    await assertSendable(tx, locationId, row.conversation_id, contact, type);
    // A scheduled message refused at its time still has its {{fields}}: fill them in now.
    const merged = await resolveMerge(tx, locationId, contact, row.user_id, {
      body: row.body,
      subject: typeof row.channel.subject === 'string' ? row.channel.subject : null,
    });
    const deliversOnCommit = CHANNEL_KINDS[type].deliversOnCommit;
    const u = await tx.query(
      `UPDATE messages SET status = $3, error_code = NULL, error_message = NULL, updated_at = now(), body = $4,
              channel = CASE WHEN $5::text IS NULL THEN channel ELSE channel || jsonb_build_object('subject', $5::text) END
        WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
      [locationId, messageId, deliversOnCommit ? 'sent' : 'queued', merged.body ?? null, merged.subject ?? null],
    );
    if (!deliversOnCommit) await enqueueDelivery(tx, locationId, messageId);
    const message = toMessage(u.rows[0], await attachmentsOf(tx, locationId, messageId));
    tx.emit({ locationId, type: 'message.updated', conversationId: row.conversation_id, data: message });
    return message;
  });
}

async function attachmentsOf(tx: Tx, locationId: string, messageId: string) {
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [locationId, messageId]);
  return a.rows.map(toAttachment);
}

export type { SendType };
