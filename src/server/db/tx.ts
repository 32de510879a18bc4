import type { Pool, PoolClient, Queryable } from './pool';
import { flushEvents, type PendingEvent } from '../realtime/event-log';
import { countEvents } from '../conversations/counts';

/** A transaction: run queries, and queue real-time events that commit with the change. */
export interface Tx extends Queryable {
  emit(event: PendingEvent): void;
}

/**
 * Runs fn in a transaction. Events emitted inside are written to the event log as the last
 * statement before COMMIT (so the per-location counter lock is held for the shortest time) and
 * are NOTIFYed on commit; a rolled-back change publishes nothing.
 */
export async function withTx<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client: PoolClient = await pool.connect();
  const events: PendingEvent[] = [];
  const tx: Tx = {
    query: (text, values) => client.query(text, values as unknown[]),
    emit: (e) => void events.push(e),
  };
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await fn(tx);
    if (events.length > 0) {
      await flushEvents(client, events);
      // Tab counts changed by this transaction follow its events, read under the counter lock.
      const counts = await countEvents(client, events);
      if (counts.length > 0) await flushEvents(client, counts);
    }
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((e: Error) => (broken = e));
    throw err;
  } finally {
    client.release(broken);
  }
}
