/**
 * Settings, loaded on demand. Admins: the location (name, time zone, country), the team, channels,
 * web chat, pipelines, calendars, Stripe, snippets. Every team member: snippets (their personal ones; the shared ones to read).
 */
import { Building2, CalendarDays, CreditCard, FileText, Kanban, MessageCircle, Radio, Users } from 'lucide-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Redirect, useParams } from 'wouter';
import { useSession } from '../lib/session';
import { LocationSettings } from './LocationSettings';
import { TeamSettings } from './TeamSettings';
import { ChannelsSettings } from './ChannelsSettings';
import { WebchatSettings } from './WebchatSettings';
import { SnippetsSettings } from './SnippetsSettings';
import { PipelinesSettings } from './pipelines/PipelinesSettings';
import { CalendarsSettings } from './calendars/CalendarsSettings';
import { StripeSettings } from './stripe/StripeSettings';
import './settings.css';

const SECTIONS = [
  { id: 'location', label: 'Location', icon: Building2, adminOnly: true },
  { id: 'team', label: 'Team', icon: Users, adminOnly: true },
  { id: 'channels', label: 'Channels', icon: Radio, adminOnly: true },
  { id: 'webchat', label: 'Web chat', icon: MessageCircle, adminOnly: true },
  { id: 'pipelines', label: 'Pipelines', icon: Kanban, adminOnly: true },
  { id: 'calendars', label: 'Calendars', icon: CalendarDays, adminOnly: true },
  { id: 'stripe', label: 'Stripe', icon: CreditCard, adminOnly: true },
  { id: 'snippets', label: 'Snippets', icon: FileText, adminOnly: false },
] as const;

/** One page per section (the type makes a section without a page a compile error). */
const PAGES: Record<(typeof SECTIONS)[number]['id'], () => ReactNode> = {
  location: () => <LocationSettings />,
  team: () => <TeamSettings />,
  channels: () => <ChannelsSettings />,
  webchat: () => <WebchatSettings />,
  pipelines: () => <PipelinesSettings />,
  calendars: () => <CalendarsSettings />,
  stripe: () => <StripeSettings />,
  snippets: () => <SnippetsSettings />,
};

export default function SettingsPage() {
  const { isAdmin } = useSession();
  const sections = SECTIONS.filter((s) => isAdmin || !s.adminOnly);
  const { section = sections[0].id } = useParams<{ section?: string }>();
  const navRef = useRef<HTMLElement>(null);

  // On phones the sections scroll sideways: keep the current one in view.
  useEffect(() => {
    navRef.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [section]);

  if (!isAdmin && SECTIONS.some((s) => s.id === section && s.adminOnly)) {
    return (
      <div className="settings">
        <div className="empty-state" role="status">
          <h2>Only admins can change these settings</h2>
          <p>Ask an admin of this location if something here needs to change. Your own snippets are in Settings → Snippets.</p>
          <div className="empty-actions">
            <Link href="/settings/snippets" className="button">
              My snippets
            </Link>
            <Link href="/" className="button">
              Back to the inbox
            </Link>
          </div>
        </div>
      </div>
    );
  }
  if (!sections.some((s) => s.id === section)) return <Redirect to={`/settings/${sections[0].id}`} replace />;

  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings" ref={navRef}>
        <h1 className="settings-nav-title">Settings</h1>
        <ul>
          {sections.map((s) => (
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
