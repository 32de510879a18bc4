/**
 * What one agent socket may receive of its location's events: notifications only for their
 * recipient, and for an "only assigned" member only the events of conversations assigned to them.
 * The member's assigned conversations are read once and then followed through the
 * conversation events themselves, so filtering costs no query per event.
 */
import type { Conversation, ConversationCounts } from '#shared/conversations';
import { countsFor } from '../conversations/counts';
import type { Queryable } from '../db/pool';
import type { AuthContext } from '../http/types';
import type { LoggedEvent } from './event-log';

export interface Visibility {
  /** Reads the member's assigned conversations: call before the replay starts. */
  load(): Promise<void>;
  /**
   * The event as this socket gets it, or null (skipped). Called once per event, in sequence order.
   * A conversation reassigned away from an "only assigned" member reaches them as
   * conversation.deleted: it left their view.
   */
  event(e: LoggedEvent): LoggedEvent | null;
  /** May this socket hear typing and presence signals of that conversation? */
  conversation(conversationId: string): boolean;
}

export function visibilityFor(db: Queryable, auth: Pick<AuthContext, 'locationId' | 'userId' | 'onlyAssigned'>): Visibility {
  const restricted = !!auth.onlyAssigned;
  const mine = new Set<string>();
  return {
    async load() {
      if (!restricted) return;
      const r = await db.query<{ id: string }>('SELECT id FROM conversations WHERE location_id = $1 AND assigned_to = $2', [
        auth.locationId,
        auth.userId,
      ]);
      for (const row of r.rows) mine.add(row.id);
    },
    event(e) {
      if (e.type.startsWith('notification.')) return auth.userId && (e.data as { userId?: string }).userId === auth.userId ? e : null;
      // Tab counts: an "only assigned" member's are their own.
      if (e.type === 'counts.updated' && restricted) return { ...e, data: countsFor(e.data as ConversationCounts, auth.userId) };
      if (!restricted || !e.conversationId) return e;
      const id = e.conversationId;
      if (e.type === 'conversation.created' || e.type === 'conversation.updated') {
        const was = mine.has(id);
        if ((e.data as Conversation).assignedTo === auth.userId) {
          mine.add(id);
          return e;
        }
        mine.delete(id);
        return was ? { ...e, type: 'conversation.deleted', data: { id } } : null;
      }
      if (e.type === 'conversation.deleted') return mine.delete(id) ? e : null;
      return mine.has(id) ? e : null;
    },
    conversation: (id) => !restricted || mine.has(id),
  };
}
