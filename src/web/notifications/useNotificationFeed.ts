/**
 * Keeps the notification centre live: applies notification events to the cache and, when the user
 * turned browser notifications on (and the browser allows them), shows one while the app is not
 * in front. Mounted once, by the bell in the top bar.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { Notification, NotificationReadEvent } from '#shared/notifications';
import { useSession } from '../lib/session';
import { applyConversationDeleted, applyCreated, applyRead, describe, useNotificationSettings } from './queries';

export const browserNotificationsSupported = () => typeof window !== 'undefined' && 'Notification' in window;

function showBrowserNotification(n: Notification, open: (conversationId: string) => void) {
  if (!browserNotificationsSupported() || window.Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return; // the badge says it
  const { title, text } = describe(n);
  const shown = new window.Notification(title, { body: text, tag: n.id });
  shown.onclick = () => {
    window.focus();
    open(n.conversationId);
    shown.close();
  };
}

export function useNotificationFeed(open: (conversationId: string) => void) {
  const qc = useQueryClient();
  const { realtime } = useSession();
  const settings = useNotificationSettings().data;
  const latest = useRef({ browser: false, open });
  latest.current = { browser: !!settings?.browser, open };

  useEffect(
    () =>
      realtime.onFrame((frame) => {
        if (frame.type === 'notification.created') {
          const n = frame.data as Notification;
          applyCreated(qc, n);
          if (latest.current.browser) showBrowserNotification(n, latest.current.open);
        } else if (frame.type === 'notification.read') applyRead(qc, frame.data as NotificationReadEvent);
        else if (frame.type === 'conversation.deleted') applyConversationDeleted(qc, (frame.data as { id: string }).id);
      }),
    [realtime, qc],
  );
}
