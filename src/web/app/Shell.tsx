import { useQueryClient } from '@tanstack/react-query';
import { Inbox, LogOut, Settings } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useConnectionStatus } from '../lib/realtime';
import { logout, useSession } from '../lib/session';
import { LocationSwitcher } from './LocationSwitcher';
import { UserMenu } from './UserMenu';
import { NotificationBell } from '../notifications/NotificationBell';

const STATUS_TEXT = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' } as const;

export function Shell({ children }: { children: ReactNode }) {
  const { me, realtime, isAdmin } = useSession();
  const status = useConnectionStatus(realtime);
  const qc = useQueryClient();
  const [location, navigate] = useLocation();

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
          {/* Named by aria-label too: on phones the words are hidden and the icons speak for them. */}
          <Link href="/" className={location.startsWith('/settings') ? '' : 'active'} aria-label="Inbox">
            <Inbox size={16} aria-hidden="true" /> <span>Inbox</span>
          </Link>
          {/* Team members' settings hold their own snippets; admins' the location's too. */}
          <Link href={isAdmin ? '/settings/location' : '/settings/snippets'} className={location.startsWith('/settings') ? 'active' : ''} aria-label="Settings">
            <Settings size={16} aria-hidden="true" /> <span>Settings</span>
          </Link>
        </nav>
        <div className="topbar-right">
          <span className={`conn conn-${status}`} role="status" aria-live="polite" title={`Real-time updates: ${STATUS_TEXT[status]}`}>
            <span className="conn-dot" aria-hidden="true" />
            <span className="conn-text">{STATUS_TEXT[status]}</span>
          </span>
          <LocationSwitcher />
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
