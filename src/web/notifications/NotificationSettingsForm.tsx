/** Which notifications I get, and whether the browser shows them too (asks for permission on a click). */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { NotificationSettings } from '#shared/notifications';
import { errorMessage, patch } from '../lib/api';
import { Spinner } from '../ui/Spinner';
import { Switch } from '../ui/Switch';
import { notificationKeys, useNotificationSettings } from './queries';
import { browserNotificationsSupported } from './useNotificationFeed';

const KINDS: { key: 'inbound' | 'call' | 'assignment' | 'mention'; label: string; hint: string }[] = [
  { key: 'inbound', label: 'New messages', hint: 'On conversations assigned to me' },
  { key: 'call', label: 'Missed calls', hint: 'And voicemails, on conversations assigned to me' },
  { key: 'assignment', label: 'Assignments', hint: 'A conversation is assigned to me' },
  { key: 'mention', label: 'Mentions', hint: 'Someone @mentions me in an internal comment' },
];

export function NotificationSettingsForm() {
  const qc = useQueryClient();
  const settings = useNotificationSettings();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(change: Partial<NotificationSettings>) {
    setError(null);
    setBusy(true);
    try {
      qc.setQueryData(notificationKeys.settings, await patch<NotificationSettings>('/me/notification-settings', change));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  async function toggleBrowser(on: boolean) {
    if (on) {
      if (!browserNotificationsSupported()) return setError('This browser cannot show notifications.');
      const permission = await window.Notification.requestPermission();
      if (permission !== 'granted') {
        return setError('The browser blocks notifications from this site: allow them in the site settings, then try again.');
      }
    }
    await save({ browser: on });
  }

  if (settings.isPending) return <Spinner label="Loading settings" />;
  if (settings.isError) return <p className="notif-empty" role="alert">Could not load your settings: {errorMessage(settings.error)}</p>;
  const s = settings.data;
  const blocked = browserNotificationsSupported() && window.Notification.permission === 'denied';
  return (
    <div className="notif-settings">
      <p className="muted">Tell me about:</p>
      {KINDS.map((k) => (
        <div key={k.key} className="notif-setting">
          <span>
            <span className="notif-setting-label" id={`notif-${k.key}`}>
              {k.label}
            </span>
            <span className="notif-setting-hint">{k.hint}</span>
          </span>
          <Switch label={k.label} checked={s[k.key]} disabled={busy} onChange={(v) => void save({ [k.key]: v })} />
        </div>
      ))}
      <div className="notif-setting">
        <span>
          <span className="notif-setting-label">Browser notifications</span>
          <span className="notif-setting-hint">
            {blocked ? 'Blocked by the browser for this site' : 'Also show them on this computer while the inbox is in the background'}
          </span>
        </span>
        <Switch label="Browser notifications" checked={s.browser} disabled={busy} onChange={(v) => void toggleBrowser(v)} />
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
