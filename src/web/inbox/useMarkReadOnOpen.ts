/**
 * Opening a conversation marks it read only for team members who turned that on in their
 * preferences (default off: it becomes read on a reply, Mark as read or a bulk action).
 */
import { useEffect, useRef } from 'react';
import type { Conversation } from '#shared/conversations';
import { useConversationActions } from '../lib/actions';
import { usePreferences } from '../lib/queries';
import { useSession } from '../lib/session';

export function useMarkReadOnOpen(conversation: Conversation | undefined): void {
  const { me } = useSession();
  const prefs = usePreferences(!!me.user);
  const actions = useConversationActions();
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!conversation) done.current = null;
    if (!conversation || !prefs.data || done.current === conversation.id) return;
    // Once per opening: what arrives while it stays open is left unread, as without the preference.
    done.current = conversation.id;
    if (prefs.data.markReadOnOpen && conversation.unreadCount > 0) void actions.update(conversation, { read: true }).catch(() => undefined);
  }, [conversation, prefs.data, actions]);
}
