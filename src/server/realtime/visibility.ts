/**
 * What one agent socket may receive of its location's events: notifications only for their
 * recipient, and for an "only assigned" member only the events of conversations assigned to them
 * and of their contacts (the contact, its opportunities, appointments and invoices). The member's
 * assigned conversations are read once and then followed through the conversation events
 * themselves, so filtering costs no query per event.
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

/** The contact a contact, opportunity, appointment or invoice event is about (they carry no conversation id). */
function contactOf(e: LoggedEvent): string | null {
  const d = e.data as { id?: string; contactId?: string } | null;
  if (e.type.startsWith('contact.')) return d?.id ?? null;
  if (e.type.startsWith('opportunity.') || e.type.startsWith('appointment.') || e.type.startsWith('invoice.')) return d?.contactId ?? null;
  return null;
}

export function visibilityFor(db: Queryable, auth: Pick<AuthContext, 'locationId' | 'userId' | 'onlyAssigned'>): Visibility {
  const restricted = !!auth.onlyAssigned;
  /** The member's conversations, each with its contact. */
  const mine = new Map<string, string>();
  /** Their contacts (one conversation per contact), rebuilt when `mine` changes. */
  let contacts = new Set<string>();
  const changed = () => {
    contacts = new Set(mine.values());
  };
  return {
    async load() {
      if (!restricted) return;
      const r = await db.query<{ id: string; contact_id: string }>(
        'SELECT id, contact_id FROM conversations WHERE location_id = $1 AND assigned_to = $2',
        [auth.locationId, auth.userId],
      );
      for (const row of r.rows) mine.set(row.id, row.contact_id);
      changed();
    },
    event(e) {
      if (e.type.startsWith('notification.')) return auth.userId && (e.data as { userId?: string }).userId === auth.userId ? e : null;
      // Tab counts: an "only assigned" member's are their own.
      if (e.type === 'counts.updated' && restricted) return { ...e, data: countsFor(e.data as ConversationCounts, auth.userId) };
      if (!restricted) return e;
      if (!e.conversationId) {
        // A contact's record: only while the contact's conversation is theirs.
        const contact = contactOf(e);
        return contact && contacts.has(contact) ? e : null;
      }
      const id = e.conversationId;
      if (e.type === 'conversation.created' || e.type === 'conversation.updated') {
        const was = mine.has(id);
        const c = e.data as Conversation;
        if (c.assignedTo === auth.userId) {
          mine.set(id, c.contact.id);
          if (!was) changed();
          return e;
        }
        if (was) {
          mine.delete(id);
          changed();
        }
        return was ? { ...e, type: 'conversation.deleted', data: { id } } : null;
      }
      if (e.type === 'conversation.deleted') {
        if (!mine.delete(id)) return null;
        changed();
        return e;
      }
      return mine.has(id) ? e : null;
    },
    conversation: (id) => !restricted || mine.has(id),
  };
}
