/**
 * Tabs Unread, Recents, Starred, All with their live counts (for the assignee filter, when set).
 * The counts are kept per tab and assignee only: while other filters or a search narrow the list
 * (`counted` false) they would not describe it, so they are not shown.
 */
import { useCounts, TABS, type Tab } from '../../lib/queries';
import { tabCount } from '../../lib/filters';

const short = (n: number) => (n > 999 ? `${Math.floor(n / 1000)}k` : String(n));

interface Props {
  tab: Tab;
  onTab(t: Tab): void;
  assignedTo?: string;
  me: string | null;
  /** Do the counts describe the list (no filter but the assignee, no search)? */
  counted: boolean;
}

export function ListTabs({ tab, onTab, assignedTo, me, counted }: Props) {
  const counts = useCounts();
  return (
    <div
      className="tabs mp-tabs"
      role="tablist"
      aria-label="Conversation filters"
      title={counted ? undefined : 'Counts are shown without filters other than “Assigned to”, and without a search'}
    >
      {TABS.map((t) => {
        const n = counted ? tabCount(counts.data, t.id, assignedTo, me) : undefined;
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
