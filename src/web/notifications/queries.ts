/** The notification centre's server state: the list (with the unread count), settings, and live changes. */
import { useInfiniteQuery, useQuery, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import type { Notification, NotificationReadEvent, NotificationSettings } from '#shared/notifications';
import { get } from '../lib/api';

export interface NotificationPage {
  items: Notification[];
  nextCursor: string | null;
  unreadCount: number;
}
type Pages = InfiniteData<NotificationPage, string | null>;

export const notificationKeys = {
  list: ['notifications'] as const,
  settings: ['notification-settings'] as const,
};

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.list,
    queryFn: ({ pageParam }) => get<NotificationPage>(`/notifications?limit=20${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: Infinity, // kept current by the live connection
  });
}

export function useNotificationSettings() {
  return useQuery({ queryKey: notificationKeys.settings, queryFn: () => get<NotificationSettings>('/me/notification-settings'), staleTime: Infinity });
}

function update(qc: QueryClient, fn: (pages: NotificationPage[]) => NotificationPage[]) {
  qc.setQueryData<Pages>(notificationKeys.list, (data) => (data && data.pages.length ? { ...data, pages: fn(data.pages) } : data));
}

/** A new notification, or one refreshed by another message (it moves to the top). */
export function applyCreated(qc: QueryClient, n: Notification): void {
  update(qc, (pages) => {
    const known = pages.some((p) => p.items.some((x) => x.id === n.id && !x.readAt));
    const [first, ...rest] = pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== n.id) }));
    return [{ ...first, items: [n, ...first.items], unreadCount: first.unreadCount + (known ? 0 : 1) }, ...rest];
  });
}

export function applyRead(qc: QueryClient, e: NotificationReadEvent): void {
  update(qc, (pages) => {
    const hit = (x: Notification) => !x.readAt && (e.ids === null || e.ids.includes(x.id));
    const newlyRead = pages.reduce((n, p) => n + p.items.filter(hit).length, 0);
    const next = pages.map((p) => ({ ...p, items: p.items.map((x) => (hit(x) ? { ...x, readAt: e.readAt } : x)) }));
    next[0] = { ...next[0], unreadCount: e.ids === null ? 0 : Math.max(0, next[0].unreadCount - newlyRead) };
    return next;
  });
}

/** A deleted conversation takes its notifications with it. */
export function applyConversationDeleted(qc: QueryClient, conversationId: string): void {
  update(qc, (pages) => {
    const gone = pages.reduce((n, p) => n + p.items.filter((x) => x.conversationId === conversationId && !x.readAt).length, 0);
    const next = pages.map((p) => ({ ...p, items: p.items.filter((x) => x.conversationId !== conversationId) }));
    next[0] = { ...next[0], unreadCount: Math.max(0, next[0].unreadCount - gone) };
    return next;
  });
}

/** Title and text of a notification, for the list and for browser notifications. */
export function describe(n: Notification): { title: string; text: string } {
  const who = n.actor?.name ?? 'Someone';
  switch (n.kind) {
    case 'inbound':
      return { title: n.count > 1 ? `${n.count} new messages from ${n.contactName}` : `New message from ${n.contactName}`, text: n.body ?? '' };
    case 'assignment':
      return { title: `${n.actor ? `${who} assigned you` : 'Assigned to you:'} ${n.contactName}`, text: '' };
    case 'mention':
      return { title: `${who} mentioned you on ${n.contactName}`, text: n.body ?? '' };
    case 'call': {
      // The body is the call's preview: "Missed call", or "Voicemail · 0:14".
      const voicemail = n.body?.startsWith('Voicemail');
      const length = n.body?.match(/\d+:\d\d$/)?.[0];
      if (n.count > 1) return { title: `${n.count} missed calls from ${n.contactName}`, text: voicemail ? `The last one left a voicemail${length ? ` (${length})` : ''}` : '' };
      return { title: `${voicemail ? 'Voicemail' : 'Missed call'} from ${n.contactName}`, text: voicemail && length ? `Left a message of ${length}` : '' };
    }
  }
}
