/**
 * Deleting conversations and bulk actions (POST /conversations/bulk): one transaction for the whole
 * selection. Ids of another location, unknown ones and, for "only assigned" members, others'
 * conversations are refused as not_found and never touched.
 */
import type { BulkAction, BulkRequest, BulkResult } from '#shared/bulk';
import type { Conversation } from '#shared/conversations';
import type { Pool } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import type { Storage } from '../attachments/storage';
import { AppError } from '../http/errors';
import type { AuthContext } from '../http/types';
import { notify } from '../notifications/service';
import { canSee } from './access';
import { CONVERSATION_SELECT, toConversation } from './queries';

/** What an action sets, and which rows it changes (only those get an event). $3: the assignee. */
const CHANGES: Record<Exclude<BulkAction, 'delete'>, { set: string; changes: string }> = {
  read: { set: 'unread_count = 0', changes: 'unread_count > 0' },
  unread: { set: 'unread_count = greatest(unread_count, 1)', changes: 'unread_count = 0' },
  star: { set: 'starred = true', changes: 'NOT starred' },
  unstar: { set: 'starred = false', changes: 'starred' },
  close: { set: `state = 'closed'`, changes: `state <> 'closed'` },
  reopen: { set: `state = 'open'`, changes: `state <> 'open'` },
  assign: { set: 'assigned_to = $3', changes: 'assigned_to IS DISTINCT FROM $3' },
};

/**
 * Deletes conversations with their messages and attachments (the contacts stay). Answers the
 * storage keys of the attachments, to remove once the transaction has committed.
 */
export async function deleteConversations(tx: Tx, locationId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const files = await tx.query<{ storage_key: string }>(
    `DELETE FROM attachments a USING messages m
      WHERE a.location_id = $1 AND m.location_id = $1 AND a.message_id = m.id AND m.conversation_id = ANY($2::uuid[])
      RETURNING a.storage_key`,
    [locationId, ids],
  );
  const gone = await tx.query<{ id: string }>('DELETE FROM conversations WHERE location_id = $1 AND id = ANY($2::uuid[]) RETURNING id', [
    locationId,
    ids,
  ]);
  for (const { id } of gone.rows) tx.emit({ locationId, type: 'conversation.deleted', conversationId: id, data: { id } });
  return files.rows.map((f) => f.storage_key);
}

/** Best effort after commit: a file left behind is unreachable (its row is gone). */
export async function removeFiles(storage: Storage, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => storage.delete(k).catch(() => undefined)));
}

export async function runBulk(deps: { pool: Pool; storage: Storage }, auth: AuthContext, req: BulkRequest): Promise<BulkResult> {
  const { locationId } = auth;
  const ids = [...new Set(req.ids)];
  const { done, files } = await withTx(deps.pool, async (tx) => {
    // Locked in id order: two bulk actions over overlapping selections cannot deadlock.
    const found = await tx.query<{ id: string; assigned_to: string | null }>(
      'SELECT id, assigned_to FROM conversations WHERE location_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
      [locationId, ids],
    );
    const visible = found.rows.filter((r) => canSee(auth, r.assigned_to));
    const done = visible.map((r) => r.id);
    if (req.action === 'delete') return { done, files: await deleteConversations(tx, locationId, done) };

    const assignee = req.action === 'assign' ? (req.assignedTo ?? null) : null;
    if (assignee) {
      const m = await tx.query('SELECT 1 FROM memberships WHERE location_id = $1 AND user_id = $2', [locationId, assignee]);
      if (m.rowCount === 0) {
        throw new AppError(422, 'invalid_assignee', 'assignedTo: that user is not a member of this location.', {
          fields: [{ field: 'body.assignedTo', message: 'is not a member of this location' }],
        });
      }
    }
    const { set, changes } = CHANGES[req.action];
    const values: unknown[] = [locationId, done];
    if (req.action === 'assign') values.push(assignee);
    const changed = await tx.query<{ id: string }>(
      `UPDATE conversations SET ${set}, updated_at = now()
        WHERE location_id = $1 AND id = ANY($2::uuid[]) AND ${changes} RETURNING id`,
      values,
    );
    if (changed.rows.length > 0) {
      const rows = await tx.query(`${CONVERSATION_SELECT} WHERE c.location_id = $1 AND c.id = ANY($2::uuid[]) ORDER BY c.id`, [
        locationId,
        changed.rows.map((r) => r.id),
      ]);
      for (const row of rows.rows) {
        const conversation: Conversation = toConversation(row);
        tx.emit({ locationId, type: 'conversation.updated', conversationId: conversation.id, data: conversation });
        if (assignee) await notify(tx, { locationId, kind: 'assignment', conversationId: conversation.id, userIds: [assignee], actorId: auth.userId });
      }
    }
    return { done, files: [] as string[] };
  });
  await removeFiles(deps.storage, files);
  const doneSet = new Set(done);
  return {
    done,
    refused: ids.filter((id) => !doneSet.has(id)).map((id) => ({ id, code: 'not_found', message: 'Conversation not found.' })),
  };
}

/** DELETE /conversations/{id}: false when there is no such conversation (for this caller). */
export async function deleteConversation(deps: { pool: Pool; storage: Storage }, auth: AuthContext, id: string): Promise<boolean> {
  const result = await runBulk(deps, auth, { ids: [id], action: 'delete' });
  return result.done.length === 1;
}
