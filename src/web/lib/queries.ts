/** Server state: query keys and hooks over the API (TanStack Query). */
import { useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import type { Contact } from '#shared/contacts';
import type { Conversation, ConversationCounts } from '#shared/conversations';
import type { Preferences } from '#shared/preferences';
import type { Message } from '#shared/messages';
import type { Invitation, TeamMember } from '#shared/team';
import { get } from './api';
import { reconcilePage } from './list-cache';
import { listQuery, NO_FILTERS, normalize, type ListFilters } from './filters';

export { inTab, TABS, type Page, type Pages, type Tab } from './tabs';
import type { Page, Pages, Tab } from './tabs';

export const keys = {
  conversations: (tab: Tab, q = '', filters: ListFilters = NO_FILTERS) => ['conversations', tab, q, normalize(filters)] as const,
  counts: () => ['conversation-counts'] as const,
  preferences: () => ['preferences'] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  contact: (id: string) => ['contact', id] as const,
  team: () => ['team'] as const,
  invitations: () => ['invitations'] as const,
  authOptions: () => ['auth-options'] as const,
};

export const CONVERSATION_PAGE = 50;

export function useConversations(tab: Tab, q = '', filters: ListFilters = NO_FILTERS, timeZone = 'UTC') {
  const query = listQuery(tab, q, filters, timeZone, CONVERSATION_PAGE);
  return useInfiniteQuery({
    queryKey: keys.conversations(tab, q, filters),
    queryFn: async ({ pageParam, queryKey, client }) => {
      const page = await get<Page<Conversation>>(`/conversations?${query}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`);
      // Live events newer than the page (they raced its request) win over what it says.
      return reconcilePage(client, queryKey, page, pageParam === null);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Live events keep loaded lists current: no refetch while the socket is up (a resync reloads).
    staleTime: Infinity,
  });
}

/** Tab counts (total and per assignee), replaced by every counts.updated event. */
export function useCounts() {
  return useQuery({ queryKey: keys.counts(), queryFn: () => get<ConversationCounts>('/conversations/counts'), staleTime: Infinity });
}

export function usePreferences(enabled = true) {
  return useQuery({ queryKey: keys.preferences(), queryFn: () => get<Preferences>('/me/preferences'), enabled, staleTime: Infinity });
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: keys.conversation(id ?? ''),
    queryFn: () => get<Conversation>(`/conversations/${id}`),
    enabled: !!id,
    staleTime: 30_000,
  });
}

export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: keys.messages(conversationId),
    queryFn: ({ pageParam }) =>
      get<Page<Message>>(`/conversations/${conversationId}/messages?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 60_000,
  });
}

export function useContact(id: string | undefined) {
  return useQuery({ queryKey: keys.contact(id ?? ''), queryFn: () => get<Contact>(`/contacts/${id}`), enabled: !!id, staleTime: 60_000 });
}

export function useInvitations() {
  return useQuery({
    queryKey: keys.invitations(),
    queryFn: () => get<{ items: Invitation[] }>('/invitations').then((r) => r.items),
    staleTime: 60_000,
  });
}

/** Whether the server sends e-mail (invitations, reset links) or they are shared by hand. */
export function useAuthOptions() {
  return useQuery({ queryKey: keys.authOptions(), queryFn: () => get<{ systemMail: boolean }>('/auth/options'), staleTime: Infinity });
}

export function useTeam() {
  return useQuery({
    queryKey: keys.team(),
    queryFn: () => get<{ items: TeamMember[] }>('/users').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}
