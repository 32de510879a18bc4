/** Conversation actions shared by the list, the header and keyboard shortcuts. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Conversation, ConversationPatch } from '#shared/conversations';
import { patch } from './api';
import { upsertConversation } from './cache';

export function useConversationActions() {
  const qc = useQueryClient();
  const update = useCallback(
    async (c: Conversation, change: ConversationPatch) => {
      // Optimistic: the row changes at once; the server's answer (and its event) settles it.
      const optimistic: Conversation = {
        ...c,
        ...(change.starred !== undefined && { starred: change.starred }),
        ...(change.state !== undefined && { state: change.state }),
        ...(change.assignedTo !== undefined && { assignedTo: change.assignedTo }),
        ...(change.read === true && { unreadCount: 0 }),
        ...(change.read === false && { unreadCount: Math.max(1, c.unreadCount) }),
      };
      upsertConversation(qc, optimistic);
      try {
        upsertConversation(qc, await patch<Conversation>(`/conversations/${c.id}`, change));
      } catch (err) {
        upsertConversation(qc, c);
        throw err;
      }
    },
    [qc],
  );
  return {
    update,
    toggleStar: (c: Conversation) => update(c, { starred: !c.starred }),
    toggleRead: (c: Conversation) => update(c, { read: c.unreadCount > 0 }),
    markUnread: (c: Conversation) => update(c, { read: false }),
    toggleClosed: (c: Conversation) => update(c, { state: c.state === 'open' ? 'closed' : 'open' }),
    assign: (c: Conversation, userId: string | null) => update(c, { assignedTo: userId }),
  };
}
