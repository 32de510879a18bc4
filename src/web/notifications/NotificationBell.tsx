/**
 * The bell in the top bar: unread badge, and the notification centre under it (newest first; a
 * click opens the conversation and marks it read; mark all read; settings).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useDismiss } from '../ui/useDismiss';
import { AtSign, Bell, CheckCheck, MessageSquare, PhoneMissed, Settings2, UserRoundPlus } from 'lucide-react';
import { useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { Notification } from '#shared/notifications';
import { errorMessage, post } from '../lib/api';
import { relativeTime } from '../lib/format';
import { Spinner } from '../ui/Spinner';
import { NotificationSettingsForm } from './NotificationSettingsForm';
import { applyRead, describe, useNotifications } from './queries';
import { useNotificationFeed } from './useNotificationFeed';
import './notifications.css';

const ICON = { inbound: MessageSquare, assignment: UserRoundPlus, mention: AtSign, call: PhoneMissed } as const;

export function NotificationBell() {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<'list' | 'settings'>('list');
  const [error, setError] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const list = useNotifications();
  const goTo = (conversationId: string) => navigate(`/c/${conversationId}`);
  useNotificationFeed(goTo);

  const unread = list.data?.pages[0]?.unreadCount ?? 0;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  useDismiss(open, () => setOpen(false), root, () => button.current);

  const markRead = async (ids: string[] | null) => {
    setError(null);
    try {
      await post(ids ? `/notifications/${ids[0]}/read` : '/notifications/read-all');
      applyRead(qc, { userId: '', ids, readAt: new Date().toISOString() });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const choose = (n: Notification) => {
    if (!n.readAt) void markRead([n.id]);
    setOpen(false);
    goTo(n.conversationId);
  };

  return (
    <div className="notif" ref={root}>
      <button
        ref={button}
        type="button"
        className="icon-button notif-bell"
        aria-label={unread ? `Notifications, ${unread > 99 ? '99+' : unread} unread` : 'Notifications'}
        aria-expanded={open}
        aria-haspopup="dialog"
        title="Notifications"
        onClick={() => {
          setOpen((o) => !o);
          setView('list');
        }}
      >
        <Bell size={17} aria-hidden="true" />
        {unread > 0 && (
          <span className="notif-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="notif-panel" role="dialog" aria-label="Notifications">
          <header className="notif-head">
            <h2>{view === 'list' ? 'Notifications' : 'Notification settings'}</h2>
            {view === 'list' && unread > 0 && (
              <button type="button" className="button small" onClick={() => void markRead(null)}>
                <CheckCheck size={14} aria-hidden="true" /> Mark all read
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={view === 'list' ? 'Notification settings' : 'Back to notifications'}
              aria-pressed={view === 'settings'}
              title={view === 'list' ? 'Settings' : 'Back'}
              onClick={() => setView(view === 'list' ? 'settings' : 'list')}
            >
              <Settings2 size={16} aria-hidden="true" />
            </button>
          </header>
          {error && (
            <p className="form-error notif-error" role="alert">
              {error}
            </p>
          )}
          {view === 'settings' ? (
            <NotificationSettingsForm />
          ) : list.isPending ? (
            <Spinner label="Loading notifications" />
          ) : list.isError ? (
            <p className="notif-empty" role="alert">
              Could not load notifications: {errorMessage(list.error)}
            </p>
          ) : items.length === 0 ? (
            <p className="notif-empty">
              Nothing yet. You will hear here of new messages and missed calls on your conversations, assignments to you and mentions of you.
            </p>
          ) : (
            <ul className="notif-list" aria-label="Notifications">
              {items.map((n) => {
                const { title, text } = describe(n);
                const Icon = ICON[n.kind];
                return (
                  <li key={n.id}>
                    <button type="button" className={`notif-item${n.readAt ? '' : ' unread'}`} onClick={() => choose(n)}>
                      <span className={`notif-icon kind-${n.kind}`} aria-hidden="true">
                        <Icon size={15} />
                      </span>
                      <span className="notif-main">
                        <span className="notif-title">{title}</span>
                        {text && <span className="notif-text">{text}</span>}
                        <time className="notif-time" dateTime={n.createdAt} title={new Date(n.createdAt).toLocaleString()}>
                          {relativeTime(n.createdAt)}
                        </time>
                      </span>
                      {!n.readAt && <span className="notif-dot" aria-label="Unread" />}
                    </button>
                  </li>
                );
              })}
              {list.hasNextPage && (
                <li className="notif-more">
                  <button type="button" className="link-button" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                    {list.isFetchingNextPage ? 'Loading…' : 'Show older'}
                  </button>
                </li>
              )}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
