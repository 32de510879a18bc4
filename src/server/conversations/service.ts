import type { Conversation, ConversationPatch } from '#shared/conversations';
import { prepared, type Pool } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import type { AuthContext } from '../http/types';
import { notify } from '../notifications/service';
import { canSee } from './access';
import { loadConversation } from './queries';

/** The contact's one conversation, created on first use (the unique constraint settles races). */
const ENSURE = prepared(
  'conversation_ensure',
  `INSERT INTO conversations (location_id, contact_id) VALUES ($1, $2) ON CONFLICT (location_id, contact_id) DO NOTHING RETURNING id`,
);
const BY_CONTACT = prepared('conversation_by_contact', 'SELECT id FROM conversations WHERE location_id = $1 AND contact_id = $2');

export async function ensureConversation(tx: Tx, locationId: string, contactId: string): Promise<{ id: string; created: boolean }> {
  const ins = await tx.query<{ id: string }>(ENSURE, [locationId, contactId]);
  if (ins.rows[0]) return { id: ins.rows[0].id, created: true };
  const r = await tx.query<{ id: string }>(BY_CONTACT, [locationId, contactId]);
  return { id: r.rows[0].id, created: false };
}

/** The contact's conversation, created (unassigned) when it has none. */
export async function startConversation(pool: Pool, locationId: string, contactId: string): Promise<{ conversation: Conversation; created: boolean }> {
  return withTx(pool, async (tx) => {
    const contact = await tx.query('SELECT 1 FROM contacts WHERE location_id = $1 AND id = $2', [locationId, contactId]);
    if (contact.rowCount === 0) throw notFound('Contact');
    const { id, created } = await ensureConversation(tx, locationId, contactId);
    const conversation = (await loadConversation(tx, locationId, id))!;
    if (created) tx.emit({ locationId, type: 'conversation.created', conversationId: id, data: conversation });
    return { conversation, created };
  });
}

/** Who patches: an assignment notifies the assignee (not oneself); "only assigned" members see only theirs. */
export type Actor = Pick<AuthContext, 'userId' | 'onlyAssigned'>;

export async function patchConversation(pool: Pool, locationId: string, id: string, patch: ConversationPatch, actor?: Actor): Promise<Conversation> {
  const sets: string[] = ['updated_at = now()'];
  const values: unknown[] = [locationId, id];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (patch.starred !== undefined) sets.push(`starred = ${param(patch.starred)}`);
  if (patch.read === true) sets.push('unread_count = 0');
  if (patch.read === false) sets.push('unread_count = greatest(unread_count, 1)');
  if (patch.assignedTo !== undefined) sets.push(`assigned_to = ${param(patch.assignedTo)}`);
  if (patch.state !== undefined) sets.push(`state = ${param(patch.state)}`);
  return withTx(pool, async (tx) => {
    const before = await tx.query<{ assigned_to: string | null }>(
      'SELECT assigned_to FROM conversations WHERE location_id = $1 AND id = $2 FOR UPDATE',
      [locationId, id],
    );
    if (!before.rows[0] || (actor && !canSee(actor, before.rows[0].assigned_to))) throw notFound('Conversation');
    try {
      const r = await tx.query(`UPDATE conversations SET ${sets.join(', ')} WHERE location_id = $1 AND id = $2`, values);
      if (r.rowCount === 0) throw notFound('Conversation');
    } catch (err) {
      // assigned_to references memberships (location_id, user_id): a stranger is not a team member.
      if ((err as { code?: string }).code === '23503') {
        throw new AppError(422, 'invalid_assignee', 'assignedTo: that user is not a member of this location.', {
          fields: [{ field: 'body.assignedTo', message: 'is not a member of this location' }],
        });
      }
      throw err;
    }
    const conversation = (await loadConversation(tx, locationId, id))!;
    tx.emit({ locationId, type: 'conversation.updated', conversationId: id, data: conversation });
    if (conversation.assignedTo && conversation.assignedTo !== before.rows[0].assigned_to) {
      await notify(tx, { locationId, kind: 'assignment', conversationId: id, userIds: [conversation.assignedTo], actorId: actor?.userId });
    }
    return conversation;
  });
}
