/** The Message Panel's tabs and the page shapes of its lists (shared by queries.ts and list-cache.ts). */
import type { InfiniteData } from '@tanstack/react-query';
import type { Conversation } from '#shared/conversations';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** Conversation lists: the real-time position the page reflects. */
  snapshot?: string;
  /** Conversation lists: rows that live events placed past the loaded pages (shown once paged to). */
  deferred?: T[];
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

