import type { Tx } from '../db/tx';

/**
 * Remembers that team members were mentioned in a conversation's internal comment (the
 * "mentions of me" filter), in the comment's transaction.
 */
export async function recordMentions(tx: Tx, locationId: string, conversationId: string, userIds: string[], at: string): Promise<void> {
  if (userIds.length === 0) return;
  await tx.query(
    `INSERT INTO conversation_mentions (location_id, user_id, conversation_id, last_mentioned_at)
     SELECT $1, u, $2, $4 FROM unnest($3::uuid[]) AS u ORDER BY u
     ON CONFLICT (location_id, user_id, conversation_id)
     DO UPDATE SET last_mentioned_at = greatest(conversation_mentions.last_mentioned_at, EXCLUDED.last_mentioned_at)`,
    [locationId, conversationId, userIds, at],
  );
}
