import { useQueryClient } from '@tanstack/react-query';
import { Inbox, LogOut, Settings } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { errorMessage } from '../lib/api';
import { useConnectionStatus } from '../lib/realtime';
import { logout, switchLocation, useSession } from '../lib/session';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../notifications/NotificationBell';

const STATUS_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

export function Shell({ children }: { children: ReactNode }) {
  const { me, realtime, isAdmin } = useSession();
  const status = useConnectionStatus(realtime);
  const qc = useQueryClient();
  const [location, navigate] = useLocation();
  const [switching, setSwitching] = useState<string | null>(null);

  async function onSwitch(id: string) {
    setSwitching(null);
    try {
      const next = await switchLocation(id);
      qc.clear();
      qc.setQueryData(['me'], next);
      navigate('/');
    } catch (err) {
      setSwitching(errorMessage(err));
    }
  }

  async function onLogout() {
    await logout();
    qc.clear();
    qc.setQueryData(['me'], null);
    navigate('/');
  }

  return (
    <div className="shell">
      <header className="topbar">
        <Link href="/" className="brand" aria-label="Aesthetix Inbox home">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-name">Aesthetix</span>
        </Link>
        <nav className="topnav" aria-label="Main">
          <Link href="/" className={location.startsWith('/settings') ? '' : 'active'}>
            <Inbox size={16} aria-hidden="true" /> <span>Inbox</span>
          </Link>
          {/* Team members' settings hold their own snippets; admins' the location's too. */}
          <Link href={isAdmin ? '/settings/location' : '/settings/snippets'} className={location.startsWith('/settings') ? 'active' : ''}>
            <Settings size={16} aria-hidden="true" /> <span>Settings</span>
          </Link>
        </nav>
        <div className="topbar-right">
          <span className={`conn conn-${status}`} role="status" aria-live="polite" title={`Real-time updates: ${STATUS_TEXT[status]}`}>
            <span className="conn-dot" aria-hidden="true" />
            <span className="conn-text">{STATUS_TEXT[status]}</span>
          </span>
          {me.locations.length > 1 ? (
            <label className="location-switcher">
              <span className="visually-hidden">Location</span>
              <select value={me.location.id} onChange={(e) => void onSwitch(e.target.value)} aria-label="Switch location">
                {me.locations.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="location-name">{me.location.name}</span>
          )}
          {switching && <span className="error-text">{switching}</span>}
          {me.user && <NotificationBell />}
          {me.user && <UserMenu user={me.user} />}
          <button type="button" className="icon-button" onClick={() => void onLogout()} aria-label="Sign out" title="Sign out">
            <LogOut size={16} aria-hidden="true" />
          </button>
        </div>
      </header>
      <main className="shell-main">{children}</main>
    </div>
  );
}
