/** Settings for admins: the location (name, time zone, country), the team, channels, web chat, snippets. Loaded on demand. */
import { Building2, FileText, MessageCircle, Radio, Users } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link, Redirect, useParams } from 'wouter';
import { useSession } from '../lib/session';
import { LocationSettings } from './LocationSettings';
import { TeamSettings } from './TeamSettings';
import { ChannelsSettings } from './ChannelsSettings';
import { WebchatSettings } from './WebchatSettings';
import { SnippetsSettings } from './SnippetsSettings';
import './settings.css';

const SECTIONS = [
  { id: 'location', label: 'Location', icon: Building2 },
  { id: 'team', label: 'Team', icon: Users },
  { id: 'channels', label: 'Channels', icon: Radio },
  { id: 'webchat', label: 'Web chat', icon: MessageCircle },
  { id: 'snippets', label: 'Snippets', icon: FileText },
] as const;

/** One page per section (the type makes a section without a page a compile error). */
const PAGES: Record<(typeof SECTIONS)[number]['id'], () => ReactNode> = {
  location: () => <LocationSettings />,
  team: () => <TeamSettings />,
  channels: () => <ChannelsSettings />,
  webchat: () => <WebchatSettings />,
  snippets: () => <SnippetsSettings />,
};

export default function SettingsPage() {
  const { isAdmin } = useSession();
  const { section = 'location' } = useParams<{ section?: string }>();

  if (!isAdmin) {
    return (
      <div className="settings">
        <div className="empty-state" role="status">
          <h2>Only admins can change settings</h2>
          <p>Ask an admin of this location if something here needs to change.</p>
          <Link href="/" className="button">
            Back to the inbox
          </Link>
        </div>
      </div>
    );
  }
  if (!SECTIONS.some((s) => s.id === section)) return <Redirect to="/settings/location" replace />;

  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings">
        <h1 className="settings-nav-title">Settings</h1>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link href={`/settings/${s.id}`} className={section === s.id ? 'active' : ''} aria-current={section === s.id ? 'page' : undefined}>
                <s.icon size={15} aria-hidden="true" />
                <span>{s.label}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="settings-main">
        <div className="settings-content">{PAGES[section as keyof typeof PAGES]()}</div>
      </div>
    </div>
  );
}
