/**
 * Periodic clean-up, run by graphile-worker's cron: however many server processes there are, each
 * run happens once (the queue's own bookkeeping in PostgreSQL decides which process takes it).
 *
 * - unsent uploads: files uploaded but never sent — by a team member from the composer, by a web
 *   chat visitor, or left behind by a deleted message — are deleted an hour after upload, rows
 *   first, then their bytes (after the delete committed, so a file never outlives nothing);
 * - the real-time event log past EVENT_RETENTION_DAYS;
 * - rate-limit counters older than a day.
 */
import type { Task } from 'graphile-worker';
import type { Pool } from '../db/pool';
import type { Storage } from '../attachments/storage';
import type { Deps } from '../http/types';
import { pruneEvents } from '../realtime/event-log';
import { pruneRateLimits } from '../http/rate-limit';

export const UNSENT_UPLOAD_TTL_MINUTES = 60;
const BATCH = 500;

export const HOUSEKEEPING_TASKS = {
  unsentUploads: 'cleanup_unsent_uploads',
  events: 'prune_events',
  rateLimits: 'prune_rate_limits',
} as const;

/** graphile-worker crontab: every ten minutes for uploads (none lives much past its hour), hourly for the rest. */
export const CRONTAB = [
  `*/10 * * * * ${HOUSEKEEPING_TASKS.unsentUploads}`,
  `17 * * * * ${HOUSEKEEPING_TASKS.events}`,
  `23 * * * * ${HOUSEKEEPING_TASKS.rateLimits}`,
].join('\n');

/** Deletes uploads never sent and older than `minutes`; answers how many. */
export async function deleteUnsentUploads(pool: Pool, storage: Storage, minutes = UNSENT_UPLOAD_TTL_MINUTES): Promise<number> {
  let total = 0;
  for (;;) {
    // A row being attached to a message right now is locked by that transaction: the DELETE waits
    // for it and then finds message_id set, so a file that is being sent is never taken.
    const r = await pool.query<{ storage_key: string }>(
      `DELETE FROM attachments a USING (
         SELECT location_id, id FROM attachments
          WHERE message_id IS NULL AND created_at < now() - make_interval(mins => $1)
          LIMIT ${BATCH}) old
        WHERE a.location_id = old.location_id AND a.id = old.id AND a.message_id IS NULL
       RETURNING a.storage_key`,
      [minutes],
    );
    for (const row of r.rows) await storage.delete(row.storage_key);
    total += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < BATCH) return total;
  }
}

export function housekeepingTasks(deps: Deps): Record<string, Task> {
  return {
    [HOUSEKEEPING_TASKS.unsentUploads]: async () => {
      await deleteUnsentUploads(deps.pool, deps.storage);
    },
    [HOUSEKEEPING_TASKS.events]: async () => {
      await pruneEvents(deps.pool, deps.config.eventRetentionDays);
    },
    [HOUSEKEEPING_TASKS.rateLimits]: async () => {
      await pruneRateLimits(deps.pool);
    },
  };
}
