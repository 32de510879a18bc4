import type { ConversationListQuery } from '#shared/conversations';
import { AppError } from '../http/errors';

/**
 * The list's filters as SQL conditions on `conversations c` (all combinable, ANDed). Each tab has
 * a partial index and the selective filters an index of their own, all starting with location_id
 * and ending with the sort key (migrations 0001, 0011), so the planner walks one index in order and
 * stops at the page's end; mentions=me is a semi-join on conversation_mentions' primary key.
 *
 * `$1` is the location id (the list's first parameter).
 *
 * Date range (on the last message's time): dateFrom inclusive, dateTo exclusive — consecutive
 * ranges never share a conversation.
 */
export function filterConditions(q: ConversationListQuery, userId: string | null, param: (v: unknown) => string): string[] {
  const where: string[] = [];
  const me = (what: string) => {
    if (!userId) throw new AppError(400, 'user_required', `${what} needs a signed-in user, not an API key.`);
    return userId;
  };
  if (q.status === 'unread') where.push('c.unread_count > 0');
  if (q.status === 'starred') where.push('c.starred');
  if (q.status === 'recents') where.push(`c.state = 'open'`);
  if (q.state) where.push(`c.state = ${param(q.state)}`);
  if (q.assignedTo === 'unassigned') where.push('c.assigned_to IS NULL');
  else if (q.assignedTo === 'me') where.push(`c.assigned_to = ${param(me('assignedTo=me'))}`);
  else if (q.assignedTo) where.push(`c.assigned_to = ${param(q.assignedTo)}`);
  if (q.channel) where.push(`c.last_message_type = ${param(q.channel)}`);
  if (q.direction) where.push(`c.last_message_direction = ${param(q.direction)}`);
  if (q.dateFrom) where.push(`c.last_message_at >= ${param(q.dateFrom)}::timestamptz`);
  if (q.dateTo) where.push(`c.last_message_at < ${param(q.dateTo)}::timestamptz`);
  if (q.mentions === 'me') {
    where.push(
      `c.id IN (SELECT m.conversation_id FROM conversation_mentions m WHERE m.location_id = $1 AND m.user_id = ${param(me('mentions=me'))})`,
    );
  }
  return where;
}
