/** Server state: query keys and hooks over the API (TanStack Query). */
import { useInfiniteQuery, useQuery, type InfiniteData } from '@tanstack/react-query';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { Message } from '#shared/messages';
import type { TeamMember } from '#shared/team';
import { get } from './api';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export type Pages<T> = InfiniteData<Page<T>, string | null>;

export type Tab = 'unread' | 'recents' | 'starred' | 'all';
export const TABS: { id: Tab; label: string }[] = [
  { id: 'unread', label: 'Unread' },
  { id: 'recents', label: 'Recents' },
  { id: 'starred', label: 'Starred' },
  { id: 'all', label: 'All' },
];

/** Does a conversation belong in a tab? The same rules as the API's `status` filter. */
export function inTab(c: Conversation, tab: Tab): boolean {
  if (tab === 'unread') return c.unreadCount > 0;
  if (tab === 'starred') return c.starred;
  if (tab === 'recents') return c.state === 'open';
  return true;
}

export const keys = {
  conversations: (tab: Tab, q = '') => ['conversations', tab, q] as const,
  conversation: (id: string) => ['conversation', id] as const,
  messages: (conversationId: string) => ['messages', conversationId] as const,
  contact: (id: string) => ['contact', id] as const,
  team: () => ['team'] as const,
};

export const CONVERSATION_PAGE = 50;

export function useConversations(tab: Tab, q = '') {
  return useInfiniteQuery({
    queryKey: keys.conversations(tab, q),
    queryFn: ({ pageParam }) =>
      get<Page<Conversation>>(
        `/conversations?status=${tab}&limit=${CONVERSATION_PAGE}${q ? `&q=${encodeURIComponent(q)}` : ''}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 30_000,
  });
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

export function useTeam() {
  return useQuery({
    queryKey: keys.team(),
    queryFn: () => get<{ items: TeamMember[] }>('/users').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}
