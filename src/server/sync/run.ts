/**
 * Pulling one stream (the sync_stream job): exactly one process at a time (a session advisory lock
 * on the stream, held while it pulls; the job key keeps one pending job per stream), one page from
 * the provider through the adapter, then one transaction that stores the page's items through the
 * core's ingest and moves the cursor — so a crash at any point repeats at most a page, whose items
 * are then duplicates by provider id. Failures back off exponentially and show on the connection
 * (admins see them in Settings → Channels); a revoked grant pauses the stream until reconnected.
 */
import type { Task } from 'graphile-worker';
import { connectionById, setConnectionStatus } from '../channels/store';
import { withTx } from '../db/tx';
import type { Deps } from '../http/types';
import { backoffMs } from '../jobs/queue';
import { loadStream, scheduleSync, syncJobKey, type SyncPayload } from './streams';

/** Thrown by an adapter's pull when the provider says the grant is gone: the admin must reconnect. */
export class ReconnectNeeded extends Error {}

const MAX_BACKOFF_MS = 60 * 60_000;

export const syncStreamTask =
  (deps: Deps): Task =>
  async (raw) => {
    const p = raw as SyncPayload;
    const { pool, secrets } = deps;
    const lockClient = await pool.connect();
    let locked = false;
    try {
      const l = await lockClient.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [syncJobKey(p)]);
      locked = l.rows[0].ok;
      if (!locked) {
        // Another process is pulling this stream (its next job raced its unlock): look again shortly.
        await scheduleSync(pool, p, new Date(Date.now() + 1_000));
        return;
      }
      const stream = await loadStream(pool, p);
      if (!stream || stream.stage === 'paused') return;
      const conn = await connectionById(pool, secrets, p.locationId, p.channelId);
      const adapter = conn && deps.channels.forProvider(conn.provider);
      const sync = adapter?.inbound?.sync;
      if (!conn || !sync) return; // removed (its streams went with it) or no longer pulled
      if (conn.status === 'reconnect' || conn.status === 'disabled') return;

      let batch;
      try {
        batch = await sync.pull(deps, conn, p.stream, stream.cursor);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const reconnect = err instanceof ReconnectNeeded;
        const failures = stream.failures + 1;
        const delay = Math.min(MAX_BACKOFF_MS, backoffMs(failures, 5_000, MAX_BACKOFF_MS));
        await withTx(pool, async (tx) => {
          await tx.query(
            `UPDATE sync_streams SET failures = $4, last_error = $5, last_error_at = now(), next_run_at = now() + make_interval(secs => $6::double precision / 1000),
                    stage = CASE WHEN $7 THEN 'paused' ELSE stage END, updated_at = now()
              WHERE location_id = $1 AND channel_id = $2 AND stream = $3`,
            [p.locationId, p.channelId, p.stream, failures, message.slice(0, 1000), delay, reconnect],
          );
          await setConnectionStatus(tx, p.locationId, p.channelId, reconnect ? 'reconnect' : 'error', message.slice(0, 1000));
          if (!reconnect) await scheduleSync(tx, p, new Date(Date.now() + delay));
        });
        return;
      }

      await withTx(pool, async (tx) => {
        for (const item of batch.items) await deps.ingest.record(tx, item);
        const next = batch.more ? new Date() : new Date(Date.now() + sync.intervalMs);
        await tx.query(
          `UPDATE sync_streams SET cursor = $4, stage = CASE WHEN $5 THEN stage ELSE 'incremental' END, failures = 0,
                  last_success_at = now(), next_run_at = $6, items_imported = items_imported + $7, updated_at = now()
            WHERE location_id = $1 AND channel_id = $2 AND stream = $3`,
          [p.locationId, p.channelId, p.stream, JSON.stringify(batch.cursor), batch.more, next, batch.items.length],
        );
        if (stream.failures > 0 || conn.status === 'error') await setConnectionStatus(tx, p.locationId, p.channelId, 'active', null);
        await scheduleSync(tx, p, next);
      });
    } finally {
      if (locked) await lockClient.query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [syncJobKey(p)]).catch(() => undefined);
      lockClient.release();
    }
  };
