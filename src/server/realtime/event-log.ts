/**
 * The event log: every change writes its event in the same transaction (see db/tx.ts), with a
 * per-location sequence number. On commit PostgreSQL NOTIFYs every server process (channel
 * `inbox_events`); the hub (realtime/hub.ts) fans events out to the location's sockets.
 */
import { prepared, type PendingEvent, type PoolClient, type Queryable } from '../db/pool';
import type { EventType } from '#shared/events';

export const EVENTS_CHANNEL = 'inbox_events';
/** NOTIFY payloads are limited to 8000 bytes; larger events travel by reference. */
const MAX_INLINE_PAYLOAD = 7900;

export type { PendingEvent } from '../db/pool';

export interface LoggedEvent {
  locationId: string;
  seq: number;
  type: EventType;
  conversationId: string | null;
  data: unknown;
}

/**
 * What a NOTIFY carries: the whole event, or (when too large) only its coordinates — or, for a
 * transaction that wrote many events (a group-committed batch of messages), one notification for
 * all of them: f..s, read back from the log by the processes that have sockets of that location.
 */
export interface Notification {
  l: string;
  s: number;
  t: EventType | 'batch';
  c: string | null;
  d?: unknown;
  /** First seq of a batch notification. */
  f?: number;
}

/** Above this many events in one transaction, one batch notification replaces one per event. */
export const MAX_INLINE_EVENTS = 8;

const INSERT_EVENTS = `
WITH c AS (
  INSERT INTO event_counters (location_id, seq) VALUES ($1, $2)
  ON CONFLICT (location_id) DO UPDATE SET seq = event_counters.seq + EXCLUDED.seq
  RETURNING seq
), ins AS (
  INSERT INTO events (location_id, seq, type, conversation_id, data, created_at)
  SELECT $1, c.seq - $2 + e.ord, e.type, e.conversation_id, e.data, clock_timestamp()
  FROM c, unnest($3::text[], $4::uuid[], $5::jsonb[]) WITH ORDINALITY AS e(type, conversation_id, data, ord)
  RETURNING seq, type, conversation_id, data
)`;

/** Few events: each NOTIFY carries its event (or its coordinates when too large). */
const FLUSH_SQL = prepared('events_flush', `${INSERT_EVENTS}
SELECT pg_notify('${EVENTS_CHANNEL}', CASE WHEN octet_length(p.full) <= ${MAX_INLINE_PAYLOAD} THEN p.full ELSE p.ref END)
FROM (
  SELECT seq,
         json_build_object('l', $1::uuid, 's', seq, 't', type, 'c', conversation_id, 'd', data)::text AS full,
         json_build_object('l', $1::uuid, 's', seq, 't', type, 'c', conversation_id)::text AS ref
  FROM ins ORDER BY seq
) p`);

/** Many events: one NOTIFY names the range; listeners read it from the log. */
const FLUSH_BATCH_SQL = prepared('events_flush_batch', `${INSERT_EVENTS}
SELECT pg_notify('${EVENTS_CHANNEL}', json_build_object('l', $1::uuid, 's', max(seq), 'f', min(seq), 't', 'batch', 'c', null)::text) FROM ins`);

/** Writes queued events (grouped by location, in emit order) and queues their NOTIFYs. */
export async function flushEvents(client: PoolClient, events: PendingEvent[]): Promise<void> {
  const byLocation = new Map<string, PendingEvent[]>();
  for (const e of events) {
    const list = byLocation.get(e.locationId) ?? [];
    list.push(e);
    byLocation.set(e.locationId, list);
  }
  // A fixed order of locations avoids lock-order deadlocks between transactions.
  for (const locationId of [...byLocation.keys()].sort()) {
    const list = byLocation.get(locationId)!;
    await client.query(list.length > MAX_INLINE_EVENTS ? FLUSH_BATCH_SQL : FLUSH_SQL, [
      locationId,
      list.length,
      list.map((e) => e.type),
      list.map((e) => e.conversationId ?? null),
      list.map((e) => JSON.stringify(e.data)),
    ]);
  }
}

export async function currentSeq(db: Queryable, locationId: string): Promise<number> {
  const r = await db.query<{ seq: number }>('SELECT seq FROM event_counters WHERE location_id = $1', [locationId]);
  return r.rows[0]?.seq ?? 0;
}

export async function readEvents(db: Queryable, locationId: string, afterSeq: number, limit = 1000): Promise<LoggedEvent[]> {
  const r = await db.query(
    `SELECT seq, type, conversation_id, data FROM events
      WHERE location_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [locationId, afterSeq, limit],
  );
  return r.rows.map((row) => ({
    locationId,
    seq: row.seq,
    type: row.type,
    conversationId: row.conversation_id,
    data: row.data,
  }));
}

/**
 * Deletes events older than the replay window, as a prefix of each location's sequence (never a
 * hole in the middle); a client asking for older ones gets `resync`.
 */
export async function pruneEvents(db: Queryable, retentionDays: number): Promise<number> {
  const r = await db.query(
    `DELETE FROM events e
      USING (SELECT location_id, max(seq) AS upto FROM events
              WHERE created_at < now() - make_interval(days => $1) GROUP BY location_id) old
      WHERE e.location_id = old.location_id AND e.seq <= old.upto`,
    [retentionDays],
  );
  return r.rowCount ?? 0;
}

/** Cursors are opaque to clients: the sequence number, bound to the location it belongs to. */
export function encodeCursor(locationId: string, seq: number): string {
  return `${seq}.${locationId.slice(0, 8)}`;
}

/** The sequence number of a cursor of this location, or null when it is malformed or foreign. */
export function decodeCursor(locationId: string, cursor: string): number | null {
  const m = /^(\d{1,15})\.([0-9a-f]{8})$/.exec(cursor);
  if (!m || m[2] !== locationId.slice(0, 8)) return null;
  return Number(m[1]);
}
