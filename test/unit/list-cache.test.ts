/**
 * The web app's conversation lists under live events: placement by tab, filters and sort, rows
 * deferred past the loaded pages, and pages reconciled with events that raced their request.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../src/shared/conversations';
import { NO_FILTERS, startOfDay, type ListFilters } from '../../src/web/lib/filters';
import { listItems, noteEvent, noteMentionOfMe, placeInLists, reconcilePage } from '../../src/web/lib/list-cache';
import { keys, type Page, type Pages } from '../../src/web/lib/queries';

const LOC = 'aaaaaaaa';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const conv = (n: number, minute: number, extra: Partial<Conversation> = {}): Conversation => ({
  id: id(n),
  contact: { id: id(1000 + n), name: `C${n}`, phone: null, email: null },
  lastMessage: { id: id(2000 + n), messageType: 'TYPE_SMS', direction: 'inbound', body: 'hi', createdAt: '' },
  lastMessageAt: new Date(Date.UTC(2026, 0, 1, 12, minute)).toISOString(),
  lastInbound: null,
  inboundAt: {},
  unreadCount: 1,
  starred: false,
  assignedTo: null,
  state: 'open',
  channels: ['TYPE_SMS'],
  createdAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});
const page = (items: Conversation[], more: boolean, seq: number): Page<Conversation> => ({
  items,
  nextCursor: more ? 'next' : null,
  snapshot: `${seq}.${LOC}`,
});
const names = (data: { pages: Page<Conversation>[] } | undefined, sort: 'desc' | 'asc' = 'desc') => listItems(data, sort).map((c) => c.contact.name);

function client() {
  const qc = new QueryClient();
  qc.setQueryData(['me'], { user: { id: id(999) }, location: { timezone: 'America/New_York' } });
  return qc;
}
const load = (qc: QueryClient, filters: ListFilters, ...pages: Page<Conversation>[]) => {
  const key = keys.conversations('all', '', filters);
  qc.setQueryData<Pages<Conversation>>(key, { pages, pageParams: pages.map((_, i) => (i ? 'c' : null)) });
  return key;
};

describe('conversation lists under live events', () => {
  it('keeps a row that moved past the loaded pages until the list reaches it (oldest first)', () => {
    const qc = client();
    const asc = { ...NO_FILTERS, sort: 'asc' as const };
    const key = load(qc, asc, page([conv(1, 1), conv(2, 2)], true, 10));
    // C1 gets a new message: it belongs at the end of the list, which is not loaded yet.
    placeInLists(qc, conv(1, 50));
    const data = qc.getQueryData<Pages<Conversation>>(key)!;
    expect(names(data, 'asc')).toEqual(['C2']);
    // The next page (which the server answers without C1: it moved) brings the list past it.
    const next = { ...data, pages: [...data.pages, page([conv(3, 3), conv(4, 60)], false, 12)] };
    expect(names(next, 'asc')).toEqual(['C2', 'C3', 'C1', 'C4']);
  });

  it('moves a row between filtered lists as its fields change, and only refreshes mention lists', () => {
    const qc = client();
    const sms = load(qc, { ...NO_FILTERS, channel: 'TYPE_SMS' }, page([conv(1, 5), conv(2, 4)], false, 1));
    const mine = load(qc, { ...NO_FILTERS, assignedTo: 'me' }, page([], false, 1));
    const mentions = load(qc, { ...NO_FILTERS, mentions: true }, page([conv(2, 4)], false, 1));
    const email = conv(2, 9, { lastMessage: { ...conv(2, 9).lastMessage!, messageType: 'TYPE_EMAIL' }, assignedTo: id(999) });
    placeInLists(qc, email);
    expect(names(qc.getQueryData(sms))).toEqual(['C1']);
    expect(names(qc.getQueryData(mine))).toEqual(['C2']);
    expect(listItems(qc.getQueryData(mentions), 'desc')).toEqual([email]);
    placeInLists(qc, conv(3, 10));
    expect(names(qc.getQueryData(mentions))).toEqual(['C2']);
  });

  it('places a conversation known to mention me in mention lists, with their other filters', () => {
    const qc = client();
    const mentions = load(qc, { ...NO_FILTERS, mentions: true }, page([], false, 1));
    const openMentions = load(qc, { ...NO_FILTERS, mentions: true, state: 'closed' }, page([], false, 1));
    // The first page's rows are known to mention me: a later change keeps them in place.
    qc.setQueryData<Pages<Conversation>>(mentions, { pages: [reconcilePage(qc, mentions, page([conv(41, 5)], false, 1), true)], pageParams: [null] });
    placeInLists(qc, conv(42, 9));
    expect(names(qc.getQueryData(mentions))).toEqual(['C41']);
    // A live comment mentioning me on C42: it joins (by its last message time), but not the closed-only list.
    noteMentionOfMe(id(42));
    placeInLists(qc, conv(42, 3));
    expect(names(qc.getQueryData(mentions))).toEqual(['C41', 'C42']);
    expect(names(qc.getQueryData(openMentions))).toEqual([]);
    placeInLists(qc, conv(41, 1, { state: 'closed' }));
    expect(names(qc.getQueryData(mentions))).toEqual(['C42', 'C41']);
    expect(names(qc.getQueryData(openMentions))).toEqual(['C41']);
  });

  it('applies the date range in the location’s time zone (from and to days included)', () => {
    const qc = client();
    expect(startOfDay('2026-01-01', 'America/New_York').toISOString()).toBe('2026-01-01T05:00:00.000Z');
    expect(startOfDay('2026-07-01', 'America/New_York').toISOString()).toBe('2026-07-01T04:00:00.000Z');
    const key = load(qc, { ...NO_FILTERS, from: '2026-01-01', to: '2026-01-01' }, page([], false, 1));
    placeInLists(qc, conv(1, 0, { lastMessageAt: '2026-01-02T04:59:59.000Z' }));
    placeInLists(qc, conv(2, 0, { lastMessageAt: '2026-01-02T05:00:00.000Z' }));
    expect(names(qc.getQueryData(key))).toEqual(['C1']);
  });

  it('brings a page up to the events that raced its request', () => {
    const qc = client();
    const key = keys.conversations('unread', '', NO_FILTERS);
    // Events the socket delivered before the first page landed (the list was not in the cache yet).
    noteEvent(`5.${LOC}`, id(7), conv(7, 30));
    noteEvent(`21.${LOC}`, id(8), conv(8, 40));
    noteEvent(`22.${LOC}`, id(1), conv(1, 1, { unreadCount: 0 }));
    noteEvent(`23.${LOC}`, id(9), null);
    const first = reconcilePage(qc, key, page([conv(9, 20), conv(1, 1)], true, 20), true);
    // 5 is older than the page (already in it or not); 8 is newer and joins; 1 was read (leaves Unread); 9 was deleted.
    expect(first.items.map((c) => c.contact.name)).toEqual(['C8']);
    // A later page read before the event about C8 drops its stale copy: the list already has C8 on top.
    const later = reconcilePage(qc, key, page([conv(8, 0), conv(6, 0)], false, 20), false);
    expect(later.items.map((c) => c.contact.name)).toEqual(['C6']);
    // A page that already reflects the events keeps its rows.
    expect(reconcilePage(qc, key, page([conv(8, 40)], false, 23), false).items).toHaveLength(1);
  });
});
