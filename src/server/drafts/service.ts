/**
 * Drafts: the composer's unsent text, one per team member and conversation, kept on the server so
 * that it is there again on any device. Saving an empty draft deletes it; a sent reply clears it.
 */
import type { Draft, DraftPut } from '#shared/drafts';
import type { Queryable } from '../db/pool';
import { notFound } from '../http/errors';

async function assertConversation(db: Queryable, locationId: string, conversationId: string): Promise<void> {
  const c = await db.query('SELECT 1 FROM conversations WHERE location_id = $1 AND id = $2', [locationId, conversationId]);
  if (c.rowCount === 0) throw notFound('Conversation');
}

const none = (conversationId: string): Draft => ({ conversationId, body: '', subject: null, updatedAt: null });

export async function getDraft(db: Queryable, locationId: string, userId: string, conversationId: string): Promise<Draft> {
  await assertConversation(db, locationId, conversationId);
  const r = await db.query('SELECT body, subject, updated_at FROM drafts WHERE location_id = $1 AND user_id = $2 AND conversation_id = $3', [
    locationId,
    userId,
    conversationId,
  ]);
  const row = r.rows[0];
  return row ? { conversationId, body: row.body, subject: row.subject, updatedAt: row.updated_at.toISOString() } : none(conversationId);
}

export async function putDraft(db: Queryable, locationId: string, userId: string, conversationId: string, input: DraftPut): Promise<Draft> {
  await assertConversation(db, locationId, conversationId);
  const subject = input.subject?.trim() ? input.subject : null;
  if (!input.body.trim() && !subject) {
    await clearDraft(db, locationId, userId, conversationId);
    return none(conversationId);
  }
  const r = await db.query(
    `INSERT INTO drafts (location_id, user_id, conversation_id, body, subject) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (location_id, user_id, conversation_id) DO UPDATE SET body = excluded.body, subject = excluded.subject, updated_at = now()
     RETURNING updated_at`,
    [locationId, userId, conversationId, input.body, subject],
  );
  return { conversationId, body: input.body, subject, updatedAt: r.rows[0].updated_at.toISOString() };
}

export async function clearDraft(db: Queryable, locationId: string, userId: string | null, conversationId: string): Promise<void> {
  if (!userId) return;
  await db.query('DELETE FROM drafts WHERE location_id = $1 AND user_id = $2 AND conversation_id = $3', [locationId, userId, conversationId]);
}
