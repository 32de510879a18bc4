import type { ConversationListQuery } from '#shared/conversations';
import type { Queryable } from '../db/pool';
import { decodeKeyset, page } from '../http/cursor';
import { AppError } from '../http/errors';
import { CONVERSATION_SELECT, toConversation } from './queries';

/**
 * One query per page, keyset-paginated on (last_message_at, id): every tab has a partial index
 * that starts with location_id (see migrations), so a page costs the same at row 10 or 100,000.
 */
export async function listConversations(db: Queryable, locationId: string, userId: string | null, q: ConversationListQuery & { q?: string }) {
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['c.location_id = $1'];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.status === 'unread') where.push('c.unread_count > 0');
  if (q.status === 'starred') where.push('c.starred');
  if (q.status === 'recents') where.push(`c.state = 'open'`);
  if (q.state) where.push(`c.state = ${param(q.state)}`);
  if (q.assignedTo === 'unassigned') where.push('c.assigned_to IS NULL');
  else if (q.assignedTo === 'me') {
    if (!userId) throw new AppError(400, 'user_required', 'assignedTo=me needs a signed-in user, not an API key.');
    where.push(`c.assigned_to = ${param(userId)}`);
  } else if (q.assignedTo) where.push(`c.assigned_to = ${param(q.assignedTo)}`);
  if (q.channel) where.push(`c.last_message_type = ${param(q.channel)}`);
  if (q.direction) where.push(`c.last_message_direction = ${param(q.direction)}`);
  if (q.q) {
    const like = param(`%${q.q.replace(/[%_\\]/g, '\\$&')}%`);
    const parts = [`(coalesce(ct.first_name, '') || ' ' || coalesce(ct.last_name, '')) ILIKE ${like}`, `ct.email ILIKE ${like}`];
    const digits = q.q.replace(/\D/g, '');
    if (digits.length >= 3) parts.push(`ct.phone LIKE ${param(`%${digits}%`)}`);
    where.push(`(${parts.join(' OR ')})`);
  }
  const desc = q.sort !== 'asc';
  const after = decodeKeyset(q.cursor);
  if (after) {
    where.push(`(c.last_message_at, c.id) ${desc ? '<' : '>'} (${param(after.k)}::timestamptz, ${param(after.id)}::uuid)`);
  }
  const dir = desc ? 'DESC' : 'ASC';
  const r = await db.query(
    `${CONVERSATION_SELECT} WHERE ${where.join(' AND ')} ORDER BY c.last_message_at ${dir}, c.id ${dir} LIMIT $2`,
    values,
  );
  return page(r.rows, q.limit, toConversation);
}
