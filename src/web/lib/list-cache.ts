/**
 * Conversation lists in the query cache (key: ['conversations', tab, q, filters]): where a
 * live-updated conversation goes in each loaded list, and how a page fetched while events keep
 * arriving joins them without a row lost, shown twice or stale.
 *
 * Each page says which real-time position it reflects (`snapshot`); the latest event of every
 * recently changed conversation is remembered with its position. A first page applies the newer
 * events it missed (they raced its request); a later page drops its rows that newer events have
 * already placed. The server leaves out of later pages the rows that moved since the first
 * (their event places them), so a live row that falls past the loaded pages waits in the last
 * page's `deferred` until the list is scrolled that far.
 */
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import type { Me } from '#shared/auth';
import type { Conversation } from '#shared/conversations';
import { compareFor, matches, NO_FILTERS, type ListFilters } from './filters';
import { inTab, type Page, type Pages, type Tab } from './tabs';

type Compare = (a: Conversation, b: Conversation) => number;

const recent = new Map<string, { seq: number; loc: string; c: Conversation | null }>();
const RECENT_MAX = 500;

/**
 * Conversations known to mention me: the rows of "mentions of me" pages, and those a live comment
 * mentioning me arrived on. Mentions are never taken back, so a row once known stays known.
 */
const mentionsMe = new Set<string>();

/** A comment mentioning me arrived on this conversation: it now belongs in "mentions of me" lists. */
export function noteMentionOfMe(conversationId: string): void {
  mentionsMe.add(conversationId);
}

/** Remembers a live event of a conversation (c null: deleted) at its cursor `<seq>.<location>`. */
export function noteEvent(cursor: string | undefined, id: string, c: Conversation | null): void {
  const m = cursor && /^(\d+)\.(\w+)$/.exec(cursor);
  if (!m) return;
  recent.delete(id);
  recent.set(id, { seq: Number(m[1]), loc: m[2], c });
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
}

function listKey(key: QueryKey): { tab: Tab; q: string; filters: ListFilters } {
  return { tab: key[1] as Tab, q: (key[2] as string) ?? '', filters: (key[3] as ListFilters) ?? NO_FILTERS };
}

/**
 * Does c belong in the list? null: only the server can tell (search; mentions of a conversation not
 * known to mention me): refresh rows in place.
 */
function belongsIn(qc: QueryClient, key: QueryKey, c: Conversation): boolean | null {
  const { tab, q, filters } = listKey(key);
  if (q) return null;
  if (filters.mentions && !mentionsMe.has(c.id)) return null;
  const me = qc.getQueryData<Me>(['me']);
  const m = matches(c, { ...filters, mentions: undefined }, me?.user?.id ?? null, me?.location.timezone ?? 'UTC');
  return m === null ? null : m && inTab(c, tab);
}

const without = (p: Page<Conversation>, id: string): Page<Conversation> => ({
  ...p,
  items: p.items.filter((x) => x.id !== id),
  ...(p.deferred && { deferred: p.deferred.filter((x) => x.id !== id) }),
});

const refreshed = (p: Page<Conversation>, c: Conversation): Page<Conversation> => ({
  ...p,
  items: p.items.map((x) => (x.id === c.id ? c : x)),
  ...(p.deferred && { deferred: p.deferred.map((x) => (x.id === c.id ? c : x)) }),
});

function place(pages: Page<Conversation>[], c: Conversation, belongs: boolean, cmp: Compare): Page<Conversation>[] {
  const out = pages.map((p) => without(p, c.id));
  if (!belongs || out.length === 0) return out;
  // Into the first page whose range covers it; past the last loaded row only when nothing more is to come.
  for (let i = 0; i < out.length; i++) {
    const at = out[i].items.findIndex((x) => cmp(c, x) < 0);
    if (at >= 0 || (i === out.length - 1 && out[i].nextCursor === null)) {
      out[i].items.splice(at >= 0 ? at : out[i].items.length, 0, c);
      return out;
    }
  }
  const last = out[out.length - 1];
  last.deferred = [...(last.deferred ?? []), c];
  return out;
}

function apply(qc: QueryClient, key: QueryKey, pages: Page<Conversation>[], c: Conversation): Page<Conversation>[] {
  const belongs = belongsIn(qc, key, c);
  return belongs === null ? pages.map((p) => refreshed(p, c)) : place(pages, c, belongs, compareFor(listKey(key).filters.sort));
}

/** Puts a conversation where it belongs in every loaded list (or takes it out). */
export function placeInLists(qc: QueryClient, c: Conversation): void {
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: ['conversations'] })) {
    if (data) qc.setQueryData<Pages<Conversation>>(key, { ...data, pages: apply(qc, key, data.pages, c) });
  }
}

export function removeFromLists(qc: QueryClient, id: string): void {
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: ['conversations'] })) {
    if (data) qc.setQueryData<Pages<Conversation>>(key, { ...data, pages: data.pages.map((p) => without(p, id)) });
  }
}

/** A page just fetched, brought up to the live events that are newer than it. */
export function reconcilePage(qc: QueryClient, key: QueryKey, page: Page<Conversation>, first: boolean): Page<Conversation> {
  if (listKey(key).filters.mentions) for (const c of page.items) mentionsMe.add(c.id);
  const m = page.snapshot && /^(\d+)\.(\w+)$/.exec(page.snapshot);
  if (!m) return page;
  const seq = Number(m[1]);
  let pages = [page];
  for (const [id, e] of recent) {
    if (e.loc !== m[2] || e.seq <= seq) continue;
    if (!e.c) pages = pages.map((p) => without(p, id));
    else if (first) pages = apply(qc, key, pages, e.c);
    // A later page: the list already holds this row where the event put it.
    else pages = belongsIn(qc, key, e.c) === null ? pages.map((p) => refreshed(p, e.c!)) : pages.map((p) => without(p, id));
  }
  return pages[0];
}

/** The rows to show: loaded pages and the deferred rows they now reach, in list order, once each. */
export function listItems(data: { pages: Page<Conversation>[] } | undefined, sort: 'desc' | 'asc'): Conversation[] {
  if (!data) return [];
  const pages = data.pages;
  if (!pages.some((p) => p.deferred?.length)) return pages.flatMap((p) => p.items);
  const cmp = compareFor(sort);
  const seen = new Set<string>();
  const rows = [...pages.flatMap((p) => p.items), ...pages.flatMap((p) => p.deferred ?? [])].filter((c) => !seen.has(c.id) && seen.add(c.id));
  rows.sort(cmp);
  const lastPage = pages[pages.length - 1];
  const edge = lastPage.items.at(-1);
  return lastPage.nextCursor === null || !edge ? rows : rows.filter((c) => cmp(c, edge) <= 0);
}
