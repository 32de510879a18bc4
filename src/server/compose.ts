/**
 * The composition root: the one place that knows every concrete piece and wires them — the pool
 * with its event log, the channel adapters, the ingest entry, the background tasks. Nothing else
 * holds process-wide state; everything else receives what it needs in Deps.
 */
import type { Task } from 'graphile-worker';
import type { Config } from './config';
import type { Storage } from './attachments/storage';
import type { ChannelAdapter } from './channels/adapter';
import { DELIVER_TASK, deliverTask } from './channels/delivery';
import { ChannelRegistry } from './channels/registry';
import { twilioAdapter } from './channels/twilio';
import { webchatAdapter } from './channels/webchat';
import { countEvents } from './conversations/counts';
import type { Secrets } from './crypto/secrets';
import { createPool, type Pool, type PoolClient, type PendingEvent } from './db/pool';
import type { Deps } from './http/types';
import { INBOUND_MEDIA_TASK, Ingest } from './messages/ingest';
import { inboundMediaTask } from './messages/inbound-media';
import { SEND_SCHEDULED_TASK } from './messages/schedule';
import { sendScheduledTask } from './messages/send-scheduled';
import { flushEvents } from './realtime/event-log';
import { CRONTAB as HOUSEKEEPING_CRONTAB, housekeepingTasks } from './jobs/housekeeping';
import { syncStreamTask } from './sync/run';
import { queueDueStreams, SYNC_TASK } from './sync/streams';
import type { RealtimeHub } from './realtime/hub';

/** Every channel this server speaks. Adding a channel: its catalog entry (#shared/channel-catalog), its folder, this line. */
export const ADAPTERS: readonly ChannelAdapter[] = [twilioAdapter, webchatAdapter];

/**
 * What a transaction does with its events just before COMMIT: writes them to the event log (the
 * NOTIFY goes out on commit), then the tab counts it changed, read under the same counter lock.
 */
async function writeEventLog(client: PoolClient, events: PendingEvent[]): Promise<void> {
  await flushEvents(client, events);
  const counts = await countEvents(client, events);
  if (counts.length > 0) await flushEvents(client, counts);
}

/** A pool whose transactions publish their events (db/tx.ts). */
export const createAppPool = (databaseUrl: string, size: number): Pool => createPool(databaseUrl, size, writeEventLog);

export function buildDeps(
  base: Omit<Deps, 'channels' | 'ingest'>,
  adapters: readonly ChannelAdapter[] = ADAPTERS,
): Deps {
  return { ...base, channels: new ChannelRegistry(adapters, base.pool, base.secrets), ingest: new Ingest(base.pool) };
}

/** Every background task by name (the name enqueue() and the crontab use). */
export function buildTasks(deps: Deps): Record<string, Task> {
  return Object.assign(
    {},
    ...deps.channels.adapters.map((a) => a.tasks?.(deps) ?? {}),
    {
      [DELIVER_TASK]: deliverTask(deps),
      [INBOUND_MEDIA_TASK]: inboundMediaTask(deps),
      [SEND_SCHEDULED_TASK]: sendScheduledTask(deps),
      [SYNC_TASK]: syncStreamTask(deps),
      // Periodic work, once across all server processes (CRONTAB below).
      [SYNC_TICK]: async () => void (await queueDueStreams(deps.pool)),
    },
    housekeepingTasks(deps),
  );
}

const SYNC_TICK = 'sync_tick';

/** graphile-worker's cron: each line fires once per period across every process (never a setInterval per process). */
export const CRONTAB = [HOUSEKEEPING_CRONTAB, `* * * * * ${SYNC_TICK}`].join('\n'); // the tick: streams due without a pending job
