/**
 * Writing a timeline item: the one path every channel, comment and activity takes, so the
 * conversation row (last message, unread count, order) and the real-time events stay consistent.
 */
import { CHANNEL_MESSAGE_TYPES, type Direction, type Message, type MessageStatus, type MessageType } from '#shared/messages';
import { prepared } from '../db/pool';
import { preview } from './preview';
import type { Tx } from '../db/tx';
import { ensureConversation } from '../conversations/service';
import { loadConversation } from '../conversations/queries';
import { notifyAssignee } from '../notifications/service';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

export interface NewMessage {
  locationId: string;
  contactId: string;
  messageType: MessageType;
  direction: Direction;
  status: MessageStatus;
  body?: string | null;
  channel?: Record<string, unknown>;
  meta?: Record<string, unknown>;
  provider?: string;
  providerMessageId?: string;
  userId?: string | null;
  attachmentIds?: string[];
  createdAt?: Date;
  scheduledAt?: Date | null;
  /**
   * An inbound item that neither counts as unread nor reopens the conversation (a call while it
   * rings: it becomes unread only if it ends missed; a call refused by DND never does).
   */
  quiet?: boolean;
}


const INSERT_MESSAGE = prepared(
  'message_insert',
  `INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
                           provider, provider_message_id, user_id, created_at, updated_at, scheduled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, clock_timestamp()), coalesce($13, clock_timestamp()), $14)
     ON CONFLICT (location_id, provider, provider_message_id) WHERE provider_message_id IS NOT NULL DO NOTHING
     RETURNING ${MESSAGE_COLUMNS}`,
);



/**
 * Inserts the item (a provider id already stored answers `duplicate: true` and writes nothing) and
 * updates the conversation. Events go out on commit.
 */
export async function recordMessage(tx: Tx, m: NewMessage): Promise<{ message: Message; duplicate: boolean }> {
  const conv = await ensureConversation(tx, m.locationId, m.contactId);
  const ins = await tx.query(
    INSERT_MESSAGE,
    [
      m.locationId,
      conv.id,
      m.contactId,
      m.messageType,
      m.direction,
      m.status,
      m.body ?? null,
      JSON.stringify(m.channel ?? {}),
      JSON.stringify(m.meta ?? {}),
      m.provider ?? null,
      m.providerMessageId ?? null,
      m.userId ?? null,
      m.createdAt ?? null,
      m.scheduledAt ?? null,
    ],
  );
  if (!ins.rows[0]) {
    const existing = await tx.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND provider = $2 AND provider_message_id = $3`,
      [m.locationId, m.provider, m.providerMessageId],
    );
    return { message: toMessage(existing.rows[0]), duplicate: true };
  }
  const row = ins.rows[0];
  let attachments: ReturnType<typeof toAttachment>[] = [];
  if (m.attachmentIds?.length) {
    const a = await tx.query(
      `UPDATE attachments SET message_id = $3 WHERE location_id = $1 AND id = ANY($2::uuid[]) AND message_id IS NULL
       RETURNING id, file_name, content_type, size`,
      [m.locationId, m.attachmentIds, row.id],
    );
    attachments = a.rows.map(toAttachment);
  }

  // A scheduled item waits in the thread; it joins the conversation row when it is sent.
  const isChannelMessage = CHANNEL_MESSAGE_TYPES.includes(m.messageType) && m.status !== 'scheduled';
  if (isChannelMessage) {
    await touchConversation(tx, { locationId: m.locationId, conversationId: conv.id, row, messageType: m.messageType, direction: m.direction, userId: m.userId, quiet: m.quiet, files: attachments });
  }

  const message = toMessage(row, attachments);
  tx.emit({ locationId: m.locationId, type: 'message.created', conversationId: conv.id, data: message });
  // Comments and activity items leave the conversation row as it was: no row event for them.
  if (conv.created || isChannelMessage) {
    tx.emit({
      locationId: m.locationId,
      type: conv.created ? 'conversation.created' : 'conversation.updated',
      conversationId: conv.id,
      data: await loadConversation(tx, m.locationId, conv.id),
    });
  }
  if (isChannelMessage && m.direction === 'inbound' && !m.quiet) {
    await notifyAssignee(tx, { locationId: m.locationId, conversationId: conv.id, messageId: message.id, body: message.body });
  }
  return { message, duplicate: false };
}

/**
 * Moves the conversation row for a channel item now part of it (recordMessage, or a scheduled
 * message at its send time): last message, last inbound, channels, unread count, reopen.
 */
const TOUCH = prepared(
  'conversation_touch',
  `UPDATE conversations SET
       last_message_id        = CASE WHEN $3 >= last_message_at OR last_message_id IS NULL THEN $4::uuid ELSE last_message_id END,
       last_message_type      = CASE WHEN $3 >= last_message_at OR last_message_id IS NULL THEN $5 ELSE last_message_type END,
       last_message_direction = CASE WHEN $3 >= last_message_at OR last_message_id IS NULL THEN $6 ELSE last_message_direction END,
       last_message_body      = CASE WHEN $3 >= last_message_at OR last_message_id IS NULL THEN $7 ELSE last_message_body END,
       last_message_at        = CASE WHEN last_message_id IS NULL THEN $3 ELSE greatest(last_message_at, $3) END,
       last_inbound_at   = CASE WHEN $8 AND ($3 >= last_inbound_at OR last_inbound_at IS NULL) THEN $3 ELSE last_inbound_at END,
       last_inbound_type = CASE WHEN $8 AND ($3 >= last_inbound_at OR last_inbound_at IS NULL) THEN $5 ELSE last_inbound_type END,
       channels = CASE WHEN $5 = ANY(channels) THEN channels ELSE channels || $5::text END,
       -- A reply by a team member reads the conversation; an inbound message (not quiet) adds one unread.
       unread_count = CASE WHEN $10 THEN unread_count + 1 WHEN $9::uuid IS NOT NULL THEN 0 ELSE unread_count END,
       state = CASE WHEN $10 THEN 'open' ELSE state END,
       updated_at = now()
     WHERE location_id = $1 AND id = $2`,
);

export async function touchConversation(
  tx: Tx,
  t: {
    locationId: string;
    conversationId: string;
    row: { id: string; created_at: Date; body: string | null };
    messageType: MessageType;
    direction: Direction;
    userId?: string | null;
    quiet?: boolean;
    /** Its files, for the preview of a message without text. */
    files?: { fileName: string }[];
  },
): Promise<void> {
  const { row } = t;
  const inbound = t.direction === 'inbound';
  // Only a newer item replaces the preview; an inbound one counts as unread and reopens.
  await tx.query(
    TOUCH,
    [t.locationId, t.conversationId, row.created_at, row.id, t.messageType, t.direction, preview(row.body, t.files), inbound, t.userId ?? null, inbound && !t.quiet],
  );
}
