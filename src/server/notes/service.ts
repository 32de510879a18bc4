/**
 * Notes of the team (TYPE_INTERNAL_COMMENT, the composer's "Internal comment" tab): never sent to
 * the contact, they leave the conversation row as it was, record who they mention ("mentions of
 * me" list) and notify them. Called "notes" in the code so that Instagram and Facebook comments —
 * the contact's — are never confused with them.
 */
import type { Message } from '#shared/messages';
import { MENTION_RE, parseMentions } from '#shared/mentions';
import { recordMentions } from '../conversations/mentions';
import type { Pool } from '../db/pool';
import { withTx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import { recordMessage } from '../messages/record';
import { notify } from '../notifications/service';

export async function addNote(pool: Pool, locationId: string, userId: string | null, conversationId: string, body: string): Promise<Message> {
  const mentions = parseMentions(body);
  return withTx(pool, async (tx) => {
    const c = await tx.query('SELECT contact_id FROM conversations WHERE location_id = $1 AND id = $2', [locationId, conversationId]);
    if (!c.rows[0]) throw notFound('Conversation');
    if (mentions.length) {
      const m = await tx.query('SELECT user_id FROM memberships WHERE location_id = $1 AND user_id = ANY($2::uuid[])', [locationId, mentions]);
      if (m.rowCount !== mentions.length) {
        throw new AppError(422, 'unknown_mention', 'body: a mentioned user is not a member of this location.', {
          fields: [{ field: 'body', message: 'mentions a user who is not a member of this location' }],
        });
      }
    }
    const { message } = await recordMessage(tx, {
      locationId,
      contactId: c.rows[0].contact_id,
      messageType: 'TYPE_INTERNAL_COMMENT',
      direction: 'outbound',
      status: 'sent',
      body,
      userId,
      meta: { mentions },
    });
    await recordMentions(tx, locationId, conversationId, mentions, message.createdAt);
    await notify(tx, {
      locationId,
      kind: 'mention',
      conversationId,
      userIds: mentions,
      actorId: userId,
      messageId: message.id,
      body: body.replace(MENTION_RE, '@$1'),
    });
    return message;
  });
}
