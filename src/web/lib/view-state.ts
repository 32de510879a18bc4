/**
 * The Message Panel's view — tab, filters and sort — kept in localStorage per team member and
 * location, so a reload (or the next visit) shows the list as it was left. A relative date range
 * ("Last 7 days") is worked out again from today; anything unreadable falls back to the default.
 */
import type { MessageType } from '#shared/messages';
import { dayKey } from './format';
import { FILTER_CHANNELS, NO_FILTERS, type ListFilters } from './filters';
import type { Tab } from './queries';

export interface View {
  tab: Tab;
  filters: ListFilters;
}

const TABS: Tab[] = ['unread', 'recents', 'starred', 'all'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/;
/** Relative ranges: how many days, today included. */
export const RANGE_DAYS: Record<string, number> = { today: 1, '7d': 7, '30d': 30 };

const storageKey = (userId: string | null, locationId: string) => `inbox.view.${userId ?? 'key'}.${locationId}`;

/** The days (YYYY-MM-DD, in the time zone) a relative range covers now. */
export function rangeDays(range: string, timeZone: string, now = Date.now()): { from: string; to: string } {
  const days = RANGE_DAYS[range] ?? 1;
  return { from: dayKey(new Date(now - (days - 1) * 86_400_000).toISOString(), timeZone), to: dayKey(new Date(now).toISOString(), timeZone) };
}

/** Only what the filter bar could have set; a relative range recomputed for today. */
export function cleanFilters(raw: unknown, timeZone: string): ListFilters {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const f: ListFilters = { sort: r.sort === 'asc' ? 'asc' : 'desc' };
  if (typeof r.assignedTo === 'string' && (r.assignedTo === 'me' || r.assignedTo === 'unassigned' || ID.test(r.assignedTo))) f.assignedTo = r.assignedTo;
  if (FILTER_CHANNELS.includes(r.channel as MessageType)) f.channel = r.channel as MessageType;
  if (r.direction === 'inbound' || r.direction === 'outbound') f.direction = r.direction;
  if (r.state === 'open' || r.state === 'closed') f.state = r.state;
  if (r.mentions === true) f.mentions = true;
  if (typeof r.range === 'string' && RANGE_DAYS[r.range]) Object.assign(f, { range: r.range }, rangeDays(r.range, timeZone));
  else if (r.range === 'custom' || r.from || r.to) {
    if (typeof r.from === 'string' && DAY.test(r.from)) f.from = r.from;
    if (typeof r.to === 'string' && DAY.test(r.to)) f.to = r.to;
    if (f.from || f.to) f.range = 'custom';
  }
  return f;
}

export function loadView(userId: string | null, locationId: string, timeZone: string): View {
  let saved: Record<string, unknown> = {};
  try {
    saved = JSON.parse(localStorage.getItem(storageKey(userId, locationId)) ?? '{}') ?? {};
  } catch {
    /* unreadable: the default view */
  }
  const tab = TABS.includes(saved.tab as Tab) ? (saved.tab as Tab) : 'recents';
  return { tab, filters: saved.filters ? cleanFilters(saved.filters, timeZone) : NO_FILTERS };
}

/** Saves part of the view (the rest as it was saved). */
export function saveView(userId: string | null, locationId: string, change: Partial<View>): void {
  const key = storageKey(userId, locationId);
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? '{}') ?? {};
    localStorage.setItem(key, JSON.stringify({ ...saved, ...change }));
  } catch {
    /* storage full or disabled: the view is simply not kept */
  }
}
