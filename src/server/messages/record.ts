/**
 * Writing a timeline item: the one path every channel, comment and activity takes, so the
 * conversation row (last message, unread count, order) and the real-time events stay consistent.
 */
import { MESSAGE_KINDS } from '#shared/channel-catalog';
import type { Direction, Message, MessageStatus, MessageType } from '#shared/messages';
import { prepared } from '../db/pool';
import { preview } from './preview';
import type { Tx } from '../db/tx';
import { ensureConversation } from '../conversations/service';
import { loadConversation, toConversation } from '../conversations/queries';
import { retouchConversation, touchConversations, type Touch } from '../conversations/timeline-row';
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
  /** The connection (channels.id) it goes or came through. */
  channelId?: string | null;
  userId?: string | null;
  attachmentIds?: string[];
  createdAt?: Date;
  scheduledAt?: Date | null;
  /**
   * A provider id already stored: 'ignore' (a retry: nothing written) or 'update' (the provider
   * changed it — an edited review, a hidden comment: body, channel details and meta replaced).
   */
  onDuplicate?: 'ignore' | 'update';
  /**
   * An inbound item that neither counts as unread nor reopens the conversation (a call while it
   * rings: it becomes unread only if it ends missed; a call refused by DND never does).
   */
  quiet?: boolean;
}


const INSERT_MESSAGE = prepared(
  'message_insert',
  `INSERT INTO messages (location_id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
                           provider, provider_message_id, user_id, created_at, updated_at, scheduled_at, channel_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, coalesce($13, clock_timestamp()), coalesce($13, clock_timestamp()), $14, $15)
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
      m.channelId ?? null,
    ],
  );
  if (!ins.rows[0]) return m.onDuplicate === 'update' ? updateDuplicate(tx, m) : { message: await loadDuplicate(tx, m), duplicate: true };
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
  const isChannelMessage = MESSAGE_KINDS[m.messageType].channel && m.status !== 'scheduled';
  const message = toMessage(row, attachments);
  tx.emit({ locationId: m.locationId, type: 'message.created', conversationId: conv.id, data: message });
  if (isChannelMessage) {
    const [touched] = await touchConversations(tx, [touchOf(m, conv.id, row, attachments)]);
    tx.emit({ locationId: m.locationId, type: conv.created ? 'conversation.created' : 'conversation.updated', conversationId: conv.id, data: toConversation(touched) });
  } else if (conv.created) {
    // Notes and activity items leave the conversation row as it was: an event only for a new one.
    tx.emit({ locationId: m.locationId, type: 'conversation.created', conversationId: conv.id, data: (await loadConversation(tx, m.locationId, conv.id))! });
  }
  if (isChannelMessage && m.direction === 'inbound' && !m.quiet) {
    await notifyAssignee(tx, { locationId: m.locationId, conversationId: conv.id, messageId: message.id, body: message.body });
  }
  return { message, duplicate: false };
}

/** What an item does to its conversation's row (conversations/timeline-row.ts). */
export function touchOf(
  m: Pick<NewMessage, 'locationId' | 'messageType' | 'direction' | 'userId' | 'quiet'>,
  conversationId: string,
  row: { id: string; created_at: Date; body: string | null },
  files?: { fileName: string }[],
): Touch {
  const inbound = m.direction === 'inbound';
  return {
    locationId: m.locationId,
    conversationId,
    messageId: row.id,
    at: row.created_at,
    type: m.messageType,
    direction: m.direction,
    preview: preview(row.body, files),
    unread: inbound && !m.quiet ? 1 : 0,
    read: !inbound && !!m.userId,
  };
}

async function loadDuplicate(tx: Tx, m: NewMessage): Promise<Message> {
  const existing = await tx.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND provider = $2 AND provider_message_id = $3`, [
    m.locationId,
    m.provider,
    m.providerMessageId,
  ]);
  return toMessage(existing.rows[0]);
}

/** The provider changed an item it sent before: its text and details are replaced (the thread shows the new ones). */
async function updateDuplicate(tx: Tx, m: NewMessage): Promise<{ message: Message; duplicate: boolean }> {
  const r = await tx.query(
    `UPDATE messages SET body = $4, channel = channel || $5::jsonb, meta = meta || $6::jsonb, updated_at = clock_timestamp()
      WHERE location_id = $1 AND provider = $2 AND provider_message_id = $3
        AND (body IS DISTINCT FROM $4 OR NOT channel @> $5::jsonb OR NOT meta @> $6::jsonb)
      RETURNING ${MESSAGE_COLUMNS}`,
    [m.locationId, m.provider, m.providerMessageId, m.body ?? null, JSON.stringify(m.channel ?? {}), JSON.stringify(m.meta ?? {})],
  );
  if (!r.rows[0]) return { message: await loadDuplicate(tx, m), duplicate: true };
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [m.locationId, r.rows[0].id]);
  const message = toMessage(r.rows[0], a.rows.map(toAttachment));
  tx.emit({ locationId: m.locationId, type: 'message.updated', conversationId: message.conversationId, data: message });
  // The preview follows when it is the conversation's last item.
  const moved = await retouchConversation(tx, {
    locationId: m.locationId,
    conversationId: message.conversationId,
    messageId: message.id,
    preview: preview(message.body, message.attachments),
    unreadDelta: 0,
  });
  if (moved) {
    tx.emit({ locationId: m.locationId, type: 'conversation.updated', conversationId: message.conversationId, data: (await loadConversation(tx, m.locationId, message.conversationId))! });
  }
  return { message, duplicate: true };
}
