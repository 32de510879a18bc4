/**
 * The Message Panel: tabs, search and the conversation list — virtualized (only visible rows are
 * in the DOM), paged by cursor as it scrolls, and kept in place when live updates reorder it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { forwardRef, useEffect, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Conversation } from '#shared/conversations';
import { useConversationActions } from '../../lib/actions';
import { errorMessage } from '../../lib/api';
import { NO_FILTERS, activeCount, forViewer, type ListFilters } from '../../lib/filters';
import { listItems } from '../../lib/list-cache';
import { TABS, useConversations, useTeam, type Tab } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { loadView, saveView } from '../../lib/view-state';
import { Spinner } from '../../ui/Spinner';
import { ConversationRow } from './ConversationRow';
import { SearchBox } from '../search/SearchBox';
import { FilterBar } from './FilterBar';
import { ListTabs } from './ListTabs';
import { useListActions } from './useListActions';
import './message-panel.css';

const ROW_H = 72;

export interface MessagePanelHandle {
  focusSearch(): void;
  /** Ids in display order, for j/k. */
  orderedIds(): string[];
}

interface Props {
  tab: Tab;
  onTab(tab: Tab): void;
  selectedId?: string;
  onOpen(id: string): void;
}

export const MessagePanel = forwardRef<MessagePanelHandle, Props>(function MessagePanel({ tab, onTab, selectedId, onOpen }, ref) {
  const { timeZone, me } = useSession();
  // Filters and sort are kept across reloads (per team member and location); an "only assigned"
  // member has no assignee filter: one restored from before (or kept when the permission came) is dropped.
  const onlyAssigned = !!me.user?.onlyAssigned;
  const [saved, setFiltersState] = useState<ListFilters>(() => loadView(me.user?.id ?? null, me.location.id, timeZone).filters);
  const filters = useMemo(() => forViewer(saved, onlyAssigned), [saved, onlyAssigned]);
  const setFilters = (f: ListFilters) => {
    setFiltersState(f);
    saveView(me.user?.id ?? null, me.location.id, { filters: f });
  };
  useEffect(() => {
    if (filters !== saved) setFilters(filters);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filters, saved]);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setQ(search.trim()), 250);
    return () => clearTimeout(t);
  }, [search]);
  const list = useConversations(tab, q, filters, timeZone);
  const team = useTeam();
  const actions = useConversationActions();
  const [actionError, setActionError] = useState<string | null>(null);
  const items = useMemo(() => listItems(list.data, filters.sort), [list.data, filters.sort]);
  const members = useMemo(() => new Map((team.data ?? []).map((m) => [m.id, m])), [team.data]);
  const listActions = useListActions({ items, team: team.data ?? [], selectedId, scope: `${tab}|${q}|${JSON.stringify(filters)}` });
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);

  useImperativeHandle(ref, () => ({ focusSearch: () => searchRef.current?.focus(), orderedIds: () => items.map((c) => c.id) }), [items]);

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_H,
    overscan: 8,
    getItemKey: (i) => items[i].id,
  });

  // Keep the rows the user is looking at in place when live updates move others above them.
  const anchor = useRef<{ id: string; index: number } | null>(null);
  useLayoutEffect(() => {
    const el = scrollRef.current;
    const a = anchor.current;
    if (el && a && el.scrollTop > 0) {
      const index = items.findIndex((c) => c.id === a.id);
      if (index >= 0 && index !== a.index) el.scrollTop += (index - a.index) * ROW_H;
    }
    captureAnchor();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items]);
  function captureAnchor() {
    const el = scrollRef.current;
    if (!el) return;
    const index = Math.min(items.length - 1, Math.floor(el.scrollTop / ROW_H));
    anchor.current = index >= 0 ? { id: items[index].id, index } : null;
  }

  // Fetch the next page before the user reaches the end.
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastIndex >= items.length - 15 && list.hasNextPage && !list.isFetchingNextPage) void list.fetchNextPage();
  }, [lastIndex, items.length, list]);

  // Bring the selected row into view when selection moves by keyboard.
  useEffect(() => {
    const i = items.findIndex((c) => c.id === selectedId);
    if (i >= 0) virtualizer.scrollToIndex(i, { align: 'auto' });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId]);

  const toggleStar = (c: Conversation) => actions.toggleStar(c).catch((e) => setActionError(errorMessage(e)));

  return (
    <section className={`message-panel${listActions.selected.size ? ' selecting' : ''}`} aria-label="Conversations">
      <div className="mp-head">
        <SearchBox ref={searchRef} value={search} onChange={setSearch} onOpenConversation={onOpen} />
        <ListTabs tab={tab} onTab={onTab} assignedTo={filters.assignedTo} me={me.user?.id ?? null} counted={!q && activeCount({ ...filters, assignedTo: undefined }) === 0} />
      </div>
      <FilterBar filters={filters} onChange={setFilters} team={team.data ?? []} me={me.user?.id ?? null} onlyAssigned={onlyAssigned} timeZone={timeZone} />
      {actionError && (
        <p className="mp-error" role="alert">
          {actionError}{' '}
          <button type="button" className="link-button" onClick={() => setActionError(null)}>
            Dismiss
          </button>
        </p>
      )}
      {listActions.bar}
      <div ref={scrollRef} className="mp-scroll" onScroll={captureAnchor} role="listbox" aria-label={`${TABS.find((t) => t.id === tab)?.label} conversations`}>
        {list.isPending ? (
          <Spinner label="Loading conversations" />
        ) : list.isError ? (
          <div className="empty-state" role="alert">
            <h2>Could not load conversations</h2>
            <p>{errorMessage(list.error)}</p>
            <button type="button" className="button" onClick={() => void list.refetch()}>
              Try again
            </button>
          </div>
        ) : items.length === 0 && activeCount(filters) > 0 ? (
          <div className="empty-state">
            <h2>No matches</h2>
            <p>No conversation in this tab matches these filters.</p>
            <button type="button" className="button" onClick={() => setFilters({ ...NO_FILTERS, sort: filters.sort })}>
              Reset filters
            </button>
          </div>
        ) : items.length === 0 ? (
          <div className="empty-state">
            <h2>{q ? 'No matches' : tab === 'unread' ? 'All caught up' : 'No conversations'}</h2>
            <p>{q ? `Nothing matches “${q}”.` : tab === 'unread' ? 'Every conversation has been read.' : tab === 'starred' ? 'Star a conversation to keep it here.' : 'New messages will appear here as they arrive.'}</p>
          </div>
        ) : (
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualItems.map((v) => {
              const c = items[v.index];
              return (
                <div key={v.key} style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_H, transform: `translateY(${v.start}px)` }}>
                  <ConversationRow
                    conversation={c}
                    selected={c.id === selectedId}
                    assignee={c.assignedTo ? members.get(c.assignedTo) : undefined}
                    timeZone={timeZone}
                    now={now}
                    onOpen={onOpen}
                    onToggleStar={toggleStar}
                    checked={listActions.selected.has(c.id)}
                    handlers={listActions.handlers}
                  />
                </div>
              );
            })}
          </div>
        )}
        {list.isFetchingNextPage && <Spinner label="Loading more" />}
      </div>
      {listActions.overlays}
    </section>
  );
});
