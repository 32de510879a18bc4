/** Tabs Unread, Recents, Starred, All with their live counts (for the assignee filter, when set). */
import { useCounts, TABS, type Tab } from '../../lib/queries';
import { tabCount } from '../../lib/filters';

const short = (n: number) => (n > 999 ? `${Math.floor(n / 1000)}k` : String(n));

export function ListTabs({ tab, onTab, assignedTo, me }: { tab: Tab; onTab(t: Tab): void; assignedTo?: string; me: string | null }) {
  const counts = useCounts();
  return (
    <div className="tabs mp-tabs" role="tablist" aria-label="Conversation filters">
      {TABS.map((t) => {
        const n = tabCount(counts.data, t.id, assignedTo, me);
        return (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            aria-label={n ? `${t.label}, ${n}` : t.label}
            className={tab === t.id ? 'active' : ''}
            onClick={() => onTab(t.id)}
          >
            {t.label}
            {n !== undefined && n > 0 && (
              <span className={`tab-count${t.id === 'unread' ? ' hot' : ''}`} aria-hidden="true">
                {short(n)}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
