/**
 * The "only assigned" permission (memberships.permissions.onlyAssigned): such a team member sees
 * only the conversations assigned to them. Another conversation answers 404, exactly like one of
 * another location, on every route under /conversations/{id} and /messages/{id} (one hook, so
 * routes added later are covered too); lists, bulk actions and the WebSocket filter by themselves.
 */
import { notFound } from '../http/errors';
import type { AuthContext, RouteModule } from '../http/types';
import type { Queryable } from '../db/pool';

/** Is a conversation with this assignee visible to the caller? */
export function canSee(auth: Pick<AuthContext, 'onlyAssigned' | 'userId'>, assignedTo: string | null): boolean {
  return !auth.onlyAssigned || (!!auth.userId && assignedTo === auth.userId);
}

/** 404 unless the conversation exists in the caller's location and the caller may see it. */
export async function assertConversationAccess(db: Queryable, auth: AuthContext, conversationId: string): Promise<void> {
  const r = await db.query<{ assigned_to: string | null }>('SELECT assigned_to FROM conversations WHERE location_id = $1 AND id = $2', [
    auth.locationId,
    conversationId,
  ]);
  if (!r.rows[0] || !canSee(auth, r.rows[0].assigned_to)) throw notFound('Conversation');
}

const CONVERSATION_ROUTE = /^\/api\/v1\/conversations\/:id(\/|$)/;
const MESSAGE_ROUTE = /^\/api\/v1\/messages\/:id(\/|$)/;

export const conversationAccessRoutes: RouteModule = (app, { pool }) => {
  app.addHook('preHandler', async (req) => {
    if (!req.auth?.onlyAssigned) return;
    const url = req.routeOptions.url ?? '';
    const id = (req.params as { id?: string } | undefined)?.id;
    if (!id) return;
    if (CONVERSATION_ROUTE.test(url)) return assertConversationAccess(pool, req.auth, id);
    if (MESSAGE_ROUTE.test(url)) {
      const r = await pool.query<{ assigned_to: string | null }>(
        `SELECT c.assigned_to FROM messages m JOIN conversations c ON c.location_id = m.location_id AND c.id = m.conversation_id
          WHERE m.location_id = $1 AND m.id = $2`,
        [req.auth.locationId, id],
      );
      if (!r.rows[0] || !canSee(req.auth, r.rows[0].assigned_to)) throw notFound('Message');
    }
  });
};

/** A list query narrowed to the caller's own conversations (null: the filter asks for others' only). */
export function visibleListQuery<Q extends { assignedTo?: string }>(auth: AuthContext, q: Q): Q | null {
  if (!auth.onlyAssigned) return q;
  if (!auth.userId || (q.assignedTo && q.assignedTo !== 'me' && q.assignedTo !== auth.userId)) return null;
  return { ...q, assignedTo: auth.userId };
}
