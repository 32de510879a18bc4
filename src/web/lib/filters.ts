/**
 * The Message Panel's filters: their state, the API query string they make, and the same rules
 * on the client (does a live-updated conversation belong in a loaded filtered list?).
 */
import { MESSAGE_KINDS } from '#shared/channel-catalog';
import type { Conversation, ConversationCounts } from '#shared/conversations';
import type { Direction, MessageType } from '#shared/messages';
import type { Tab } from './queries';

export interface ListFilters {
  /** 'me', 'unassigned' or a team member's id. */
  assignedTo?: string;
  channel?: MessageType;
  direction?: Direction;
  state?: 'open' | 'closed';
  /** Days (YYYY-MM-DD) in the location's time zone, both included. */
  from?: string;
  to?: string;
  /** How the range was picked, for the select ('today', '7d', '30d', 'custom'). */
  range?: string;
  mentions?: boolean;
  sort: 'desc' | 'asc';
}

export const NO_FILTERS: ListFilters = { sort: 'desc' };

/** Channels a conversation's last message can be on (comments and activity cards never move it). */
export const FILTER_CHANNELS = (Object.keys(MESSAGE_KINDS) as MessageType[]).filter((t) => MESSAGE_KINDS[t].channel);

/** The filters without empty fields (a stable query key). */
export function normalize(f: ListFilters): ListFilters {
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as unknown as ListFilters;
}

/**
 * The filters a team member can use: an "only assigned" member sees only the conversations assigned
 * to them, so an assignee filter (another member, unassigned, or a redundant "me") is dropped.
 */
export function forViewer(f: ListFilters, onlyAssigned: boolean): ListFilters {
  if (!onlyAssigned || f.assignedTo === undefined) return f;
  const { assignedTo: _dropped, ...rest } = f;
  return rest;
}

/** How many filters narrow the list (the sort order is not one). */
export function activeCount(f: ListFilters): number {
  return [f.assignedTo, f.channel, f.direction, f.state, f.from || f.to, f.mentions].filter(Boolean).length;
}

/** The instant a day starts in a time zone (Intl only: the zone's offset read back at that time). */
export function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  return new Date(t);
}

function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const p: Record<string, number> = {};
  for (const x of parts) if (x.type !== 'literal') p[x.type] = Number(x.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour === 24 ? 0 : p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** The day after (YYYY-MM-DD). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The range as the API takes it: dateFrom inclusive, dateTo exclusive (the start of the day after `to`). */
export function instants(f: ListFilters, timeZone: string): { dateFrom?: string; dateTo?: string } {
  return {
    dateFrom: f.from ? startOfDay(f.from, timeZone).toISOString() : undefined,
    dateTo: f.to ? startOfDay(nextDay(f.to), timeZone).toISOString() : undefined,
  };
}

/** GET /api/v1/conversations query string (without the cursor). */
export function listQuery(tab: Tab, q: string, f: ListFilters, timeZone: string, limit: number): string {
  const p = new URLSearchParams({ status: tab, limit: String(limit) });
  if (q) p.set('q', q);
  if (f.assignedTo) p.set('assignedTo', f.assignedTo);
  if (f.channel) p.set('channel', f.channel);
  if (f.direction) p.set('direction', f.direction);
  if (f.state) p.set('state', f.state);
  const { dateFrom, dateTo } = instants(f, timeZone);
  if (dateFrom) p.set('dateFrom', dateFrom);
  if (dateTo) p.set('dateTo', dateTo);
  if (f.mentions) p.set('mentions', 'me');
  if (f.sort === 'asc') p.set('sort', 'asc');
  return p.toString();
}

/**
 * Does a conversation pass the filters (the API's rules)? null when the client cannot tell
 * (mentions live on the server; list-cache.ts answers for the conversations it knows mention me).
 */
export function matches(c: Conversation, f: ListFilters, me: string | null, timeZone: string): boolean | null {
  if (f.mentions) return null;
  if (f.assignedTo === 'me' ? c.assignedTo !== me : f.assignedTo === 'unassigned' ? c.assignedTo !== null : f.assignedTo && c.assignedTo !== f.assignedTo) {
    return false;
  }
  if (f.channel && c.lastMessage?.messageType !== f.channel) return false;
  if (f.direction && c.lastMessage?.direction !== f.direction) return false;
  if (f.state && c.state !== f.state) return false;
  const { dateFrom, dateTo } = instants(f, timeZone);
  if (dateFrom && c.lastMessageAt < dateFrom) return false;
  if (dateTo && c.lastMessageAt >= dateTo) return false;
  return true;
}

/** List order: by last message time, then id (as the API's keyset). */
export function compareFor(sort: 'desc' | 'asc') {
  const sign = sort === 'asc' ? -1 : 1;
  return (a: Conversation, b: Conversation) =>
    a.id === b.id ? 0 : sign * (a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1);
}

/** A tab's count for the list's assignee filter (counts per assignee are exact; other filters are not counted). */
export function tabCount(counts: ConversationCounts | undefined, tab: Tab, assignedTo: string | undefined, me: string | null): number | undefined {
  if (!counts) return undefined;
  const who = assignedTo === 'me' ? me : assignedTo;
  const c = who ? (counts.assignees[who] ?? { unread: 0, recents: 0, starred: 0, all: 0 }) : counts;
  return c[tab];
}
