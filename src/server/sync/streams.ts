/**
 * Pull-sync streams (sync_streams, migration 0024): per connection and stream — a mailbox folder,
 * a Google location's reviews — the provider cursor, the stage, failures and last error. A stream's
 * cursor only moves in the transaction that stores what it imported (sync/run.ts), so a restart or
 * a failed page neither loses nor duplicates anything.
 */
import type { Queryable } from '../db/pool';
import { enqueue } from '../jobs/queue';

export const SYNC_TASK = 'sync_stream';

export interface SyncPayload {
  locationId: string;
  channelId: string;
  stream: string;
}

export interface StreamRow {
  locationId: string;
  channelId: string;
  stream: string;
  cursor: Record<string, unknown>;
  stage: 'initial' | 'incremental' | 'paused';
  failures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
  lastSuccessAt: Date | null;
  nextRunAt: Date;
  itemsImported: number;
}

const toStream = (r: any): StreamRow => ({
  locationId: r.location_id,
  channelId: r.channel_id,
  stream: r.stream,
  cursor: r.cursor,
  stage: r.stage,
  failures: r.failures,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
  lastSuccessAt: r.last_success_at,
  nextRunAt: r.next_run_at,
  itemsImported: Number(r.items_imported),
});

export const syncJobKey = (p: SyncPayload) => `sync:${p.locationId}:${p.channelId}:${p.stream}`;

/** Queues (or moves) the stream's one job, in the caller's transaction. */
export const scheduleSync = (db: Queryable, p: SyncPayload, at?: Date) => enqueue(db, SYNC_TASK, p, { jobKey: syncJobKey(p), runAt: at, maxAttempts: 3 });

/** Creates the streams a new connection has (its adapter names them) and queues their first pull. */
export async function openStreams(db: Queryable, locationId: string, channelId: string, streams: string[], initialCursor: Record<string, unknown> = {}): Promise<void> {
  for (const stream of streams) {
    await db.query(
      `INSERT INTO sync_streams (location_id, channel_id, stream, cursor) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [locationId, channelId, stream, JSON.stringify(initialCursor)],
    );
    await scheduleSync(db, { locationId, channelId, stream });
  }
}

export async function loadStream(db: Queryable, p: SyncPayload): Promise<StreamRow | null> {
  const r = await db.query('SELECT * FROM sync_streams WHERE location_id = $1 AND channel_id = $2 AND stream = $3', [p.locationId, p.channelId, p.stream]);
  return r.rows[0] ? toStream(r.rows[0]) : null;
}

/** The streams of a location's connections, for the admins' view of their health. */
export async function streamsOf(db: Queryable, locationId: string): Promise<StreamRow[]> {
  const r = await db.query('SELECT * FROM sync_streams WHERE location_id = $1 ORDER BY channel_id, stream', [locationId]);
  return r.rows.map(toStream);
}

/** Streams whose time has come but that have no pending job (a job lost to a bug, a stream added by hand): queue them. */
export async function queueDueStreams(db: Queryable): Promise<number> {
  const r = await db.query(
    `SELECT location_id, channel_id, stream FROM sync_streams s
      WHERE stage <> 'paused' AND next_run_at <= now()
        AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'sync:' || s.location_id || ':' || s.channel_id || ':' || s.stream)
      LIMIT 500`,
  );
  for (const row of r.rows) await scheduleSync(db, { locationId: row.location_id, channelId: row.channel_id, stream: row.stream });
  return r.rows.length;
}
