/**
 * A reply from the team: every rule is checked before anything is stored or any provider called
 * (DND, messaging window, channel connected, attachments of this location), then the item is
 * recorded — queued for a provider, or sent at once on a built-in channel.
 */
import type { Contact } from '#shared/contacts';
import type { Message, SendMessage, SendType } from '#shared/messages';
import { dndRefusal, SEND_TYPE_LABEL, SEND_TYPE_TO_MESSAGE_TYPE, WINDOW_HOURS } from '#shared/send-rules';
import { withTx, type Tx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import { adapterFor, deliversOnCommit, isChannelConnected } from '../channels/registry';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';
import { recordMessage } from './record';
import type { Deps } from '../http/types';
import type { Queryable } from '../db/pool';
import { resolveMerge } from '../snippets/merge-context';
import { clearDraft } from '../drafts/service';
import { enqueueScheduled, resolveSendAt } from './schedule';

import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

/** The rules every send passes before a provider is called: DND, messaging window, channel. */
export async function assertSendable(tx: Queryable, locationId: string, conversationId: string, contact: Contact, type: SendType): Promise<void> {
  const messageType = SEND_TYPE_TO_MESSAGE_TYPE[type];
  const label = SEND_TYPE_LABEL[type];
  const dnd = dndRefusal(contact, type);
  if (dnd) throw new AppError(422, 'dnd_active', dnd, { channel: type });

  const windowHours = WINDOW_HOURS[type];
  if (windowHours) {
    const w = await tx.query(
      `SELECT max(created_at) > now() - make_interval(hours => $4) AS open FROM messages
        WHERE location_id = $1 AND conversation_id = $2 AND message_type = $3 AND direction = 'inbound'`,
      [locationId, conversationId, messageType, windowHours],
    );
    if (!w.rows[0].open) {
      throw new AppError(
        422,
        'messaging_window_closed',
        `${label} allows replies only within ${windowHours} hours of the contact's last message, and that window is closed.`,
        { channel: type, windowHours },
      );
    }
  }
  if (!(await isChannelConnected(tx, locationId, type))) {
    throw new AppError(422, 'channel_not_connected', `No ${label} channel is connected to this location yet. An admin can connect one in Settings.`, {
      channel: type,
    });
  }
}

export async function loadContactOfConversation(tx: Queryable, locationId: string, conversationId: string): Promise<Contact> {
  const c = await tx.query(
    `SELECT ${CONTACT_COLUMNS.split(',').map((col) => `ct.${col.trim()}`).join(', ')}
       FROM conversations cv JOIN contacts ct ON ct.location_id = cv.location_id AND ct.id = cv.contact_id
      WHERE cv.location_id = $1 AND cv.id = $2`,
    [locationId, conversationId],
  );
  if (!c.rows[0]) throw notFound('Conversation');
  return toContact(c.rows[0]);
}

export async function sendMessage(deps: Deps, locationId: string, userId: string | null, conversationId: string, input: SendMessage): Promise<Message> {
  if (!input.body?.trim() && !input.html?.trim() && !input.attachments?.length) {
    throw new AppError(400, 'validation_failed', 'body: write a message or attach a file.', { fields: [{ field: 'body', message: 'is empty' }] });
  }
  if (input.type === 'Email' && !input.subject?.trim()) {
    throw new AppError(400, 'validation_failed', 'subject: an e-mail needs a subject.', { fields: [{ field: 'subject', message: 'is required for Email' }] });
  }
  return withTx(deps.pool, async (tx) => {
    const contact = await loadContactOfConversation(tx, locationId, conversationId);

    await assertSendable(tx, locationId, conversationId, contact, input.type);
    if (input.type === 'SMS' && !contact.phone && !input.toNumber) throw new AppError(422, 'no_recipient', 'This contact has no phone number.');
    // The To picker offers the contact's own numbers only: never an arbitrary recipient.
    if (input.toNumber && ![contact.phone, ...contact.additionalPhones].includes(input.toNumber)) {
      throw new AppError(422, 'invalid_to_number', `${input.toNumber} is not one of this contact's phone numbers.`, {
        fields: [{ field: 'body.toNumber', message: "is not one of the contact's phone numbers" }],
      });
    }
    if (input.type === 'Email' && !contact.email) throw new AppError(422, 'no_recipient', 'This contact has no e-mail address.');

    if (input.attachments?.length) {
      const a = await tx.query(
        // A web chat visitor's upload is theirs to send, never the team's.
        `SELECT count(*)::int AS n FROM attachments WHERE location_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL AND visitor_id IS NULL`,
        [locationId, input.attachments],
      );
      if (a.rows[0].n !== new Set(input.attachments).size) throw notFound('Attachment');
    }

    // Merge fields: an unknown or empty one is refused now (422). A scheduled message keeps them as
    // written; they are filled in (and checked again) at its time.
    const scheduledAt = input.scheduledAt ? await resolveSendAt(tx, locationId, input.scheduledAt, input.timezone) : undefined;
    const merged = await resolveMerge(tx, locationId, contact, userId, { body: input.body, subject: input.subject, html: input.html });
    if (!scheduledAt) input = { ...input, body: merged.body ?? undefined, subject: merged.subject ?? undefined, html: merged.html ?? undefined };
    await clearDraft(tx, locationId, userId, conversationId);

    const adapter = adapterFor(input.type);
    const message = adapter
      ? await adapter.queueSend(tx, deps, { locationId, conversationId, contact, userId, input, scheduledAt })
      : await recordBuiltIn(tx, locationId, contact, userId, input, scheduledAt);
    if (scheduledAt) await enqueueScheduled(tx, locationId, message.id, scheduledAt);
    return message;
  });
}

/** A reply on a built-in channel (web chat): sent on commit, or scheduled. */
async function recordBuiltIn(tx: Tx, locationId: string, contact: Contact, userId: string | null, input: SendMessage, scheduledAt?: Date): Promise<Message> {
  const channel: Record<string, unknown> = {};
  if (input.subject) channel.subject = input.subject;
  if (input.html) channel.html = input.html;
  if (input.cc?.length) channel.cc = input.cc;
  if (input.bcc?.length) channel.bcc = input.bcc;
  if (input.type === 'Email') channel.to = [contact.email];

  const { message } = await recordMessage(tx, {
    locationId,
    contactId: contact.id,
    messageType: SEND_TYPE_TO_MESSAGE_TYPE[input.type],
    direction: 'outbound',
    status: scheduledAt ? 'scheduled' : deliversOnCommit(input.type) ? 'sent' : 'queued',
    scheduledAt,
    createdAt: scheduledAt,
    body: input.body ?? null,
    channel,
    userId,
    attachmentIds: input.attachments,
  });
  return message;
}

/**
 * Retries a failed outbound message: the same rules are checked again (DND may have been set since),
 * then it goes back to the queue (or out at once on a built-in channel).
 */
export async function retryMessage(deps: Deps, locationId: string, messageId: string): Promise<Message> {
  return withTx(deps.pool, async (tx) => {
    const r = await tx.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, messageId]);
    const row = r.rows[0];
    if (!row) throw notFound('Message');
    const type = (Object.entries(SEND_TYPE_TO_MESSAGE_TYPE) as [SendType, string][]).find(([, t]) => t === row.message_type)?.[0];
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
    const u = await tx.query(
      `UPDATE messages SET status = $3, error_code = NULL, error_message = NULL, updated_at = now(), body = $4,
              channel = CASE WHEN $5::text IS NULL THEN channel ELSE channel || jsonb_build_object('subject', $5::text) END
        WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
      [locationId, messageId, deliversOnCommit(type) ? 'sent' : 'queued', merged.body ?? null, merged.subject ?? null],
    );
    await adapterFor(type)?.requeue(tx, locationId, messageId);
    const message = toMessage(u.rows[0], await attachmentsOf(tx, locationId, messageId));
    tx.emit({ locationId, type: 'message.updated', conversationId: row.conversation_id, data: message });
    return message;
  });
}

async function attachmentsOf(tx: Tx, locationId: string, messageId: string) {
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [locationId, messageId]);
  return a.rows.map(toAttachment);
}
