/**
 * Per-tab counts, kept by triggers on conversations (migrations/0011_conversation_counts.sql) in
 * the transaction of every change: reading them is a handful of rows, never a COUNT.
 */
import type { ConversationCounts, TabCounts } from '#shared/conversations';
import { prepared, type Queryable } from '../db/pool';
import type { PendingEvent } from '../realtime/event-log';

/** conversation_counts.assignee of unassigned conversations. */
export const UNASSIGNED = '00000000-0000-0000-0000-000000000000';

interface CountRow {
  location_id: string;
  assignee: string;
  unread: number;
  open: number;
  starred: number;
  total: number;
}

const COLUMNS = 'location_id, assignee, unread, open, starred, total';

function toCounts(rows: CountRow[]): ConversationCounts {
  const sum: TabCounts = { unread: 0, recents: 0, starred: 0, all: 0 };
  const assignees: Record<string, TabCounts> = {};
  for (const r of rows) {
    if (r.total === 0) continue; // nothing (left) assigned to them
    const c = { unread: r.unread, recents: r.open, starred: r.starred, all: r.total };
    assignees[r.assignee === UNASSIGNED ? 'unassigned' : r.assignee] = c;
    sum.unread += c.unread;
    sum.recents += c.recents;
    sum.starred += c.starred;
    sum.all += c.all;
  }
  return { ...sum, assignees };
}

/**
 * The counts as a caller sees them: an "only assigned" member's tabs count their own conversations
 * (and they learn nothing of the others').
 */
export function countsFor(counts: ConversationCounts, onlyUserId: string | null | undefined): ConversationCounts {
  if (!onlyUserId) return counts;
  const own = counts.assignees[onlyUserId] ?? { unread: 0, recents: 0, starred: 0, all: 0 };
  return { ...own, assignees: { [onlyUserId]: own } };
}

export async function loadCounts(db: Queryable, locationId: string): Promise<ConversationCounts> {
  const r = await db.query<CountRow>(`SELECT ${COLUMNS} FROM conversation_counts WHERE location_id = $1 ORDER BY assignee`, [locationId]);
  return toCounts(r.rows);
}

/**
 * counts.updated events for the locations of a transaction's events, when the transaction changed
 * their counts (the trigger sets aix.counts_changed). Called by withTx after the event-log counter
 * lock is taken: every transaction that committed before is visible and any later one reads after
 * this one commits, so the last counts.updated a client receives is always the current state.
 */
const COUNTS_CHANGED = prepared(
  'counts_changed',
  `SELECT ${COLUMNS} FROM conversation_counts
    WHERE location_id = ANY($1::uuid[]) AND current_setting('aix.counts_changed', true) = 'on'
    ORDER BY location_id, assignee`,
);

export async function countEvents(db: Queryable, events: PendingEvent[]): Promise<PendingEvent[]> {
  const locations = [...new Set(events.map((e) => e.locationId))];
  const r = await db.query<CountRow>(COUNTS_CHANGED, [locations]);
  if (r.rows.length === 0) return [];
  return locations.map((locationId) => ({
    locationId,
    type: 'counts.updated' as const,
    data: toCounts(r.rows.filter((row) => row.location_id === locationId)),
  }));
}
