import type { Attachment, Message } from '#shared/messages';

export const MESSAGE_COLUMNS = `id, conversation_id, contact_id, message_type, direction, status, body, channel, meta,
  user_id, error_code, error_message, scheduled_at, created_at, updated_at, channel_id`;

export function toAttachment(a: any): Attachment {
  return {
    id: a.id,
    fileName: a.file_name,
    contentType: a.content_type,
    size: Number(a.size),
    url: `/api/v1/attachments/${a.id}/content`,
  };
}

export function toMessage(r: any, attachments: Attachment[] = []): Message {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    contactId: r.contact_id,
    messageType: r.message_type,
    direction: r.direction,
    status: r.status,
    body: r.body,
    channel: r.channel ?? {},
    channelId: r.channel_id ?? null,
    attachments,
    userId: r.user_id,
    error: r.error_code || r.error_message ? { code: r.error_code ?? 'error', message: r.error_message ?? '' } : null,
    meta: r.meta ?? {},
    scheduledAt: r.scheduled_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
