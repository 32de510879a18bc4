import type { PendingEvent, Pool, PoolClient, Queryable } from './pool';

export type { PendingEvent } from './pool';

/** A transaction: run queries, and queue real-time events that commit with the change. */
export interface Tx extends Queryable {
  emit(event: PendingEvent): void;
}

/** A deadlock or serialization failure: PostgreSQL rolled the transaction back; running it again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);
const ATTEMPTS = 3;

/**
 * Runs fn in a transaction. Events emitted inside are handed to the pool's beforeCommit as the last
 * step before COMMIT (the event log: written there so the per-location counter lock is held for the
 * shortest time, NOTIFYed on commit); a rolled-back change publishes nothing.
 *
 * Concurrent writers that lock rows in different orders (a bulk change, a cascading delete, a
 * patch) can deadlock; PostgreSQL then aborts one of them. That one is run again (fn from the
 * start, with fresh events), up to three times — so fn must do nothing but database work.
 */
export async function withTx<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(pool, fn);
    } catch (err) {
      if (attempt >= ATTEMPTS || !RETRYABLE.has((err as { code?: string })?.code ?? '')) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
    }
  }
}

async function once<T>(pool: Pool, fn: (tx: Tx) => Promise<T>): Promise<T> {
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
      if (!pool.beforeCommit) throw new Error('events were emitted on a pool that has no event log (make it with createAppPool)');
      await pool.beforeCommit(client, events);
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
