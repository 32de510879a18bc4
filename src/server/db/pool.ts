import pg from 'pg';
import type { EventType } from '#shared/events';

// bigint counts and sequence numbers fit comfortably in a JS number at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

/**
 * The pool, and what a transaction on it does just before COMMIT with the events it emitted
 * (db/tx.ts): the composition root (server/compose.ts) sets it to write the event log; a pool
 * without it refuses transactions that emit events.
 */
export type Pool = pg.Pool & { beforeCommit?: BeforeCommit };
/** Events a transaction emitted (real-time: realtime/event-log.ts), in the order emitted. */
export interface PendingEvent {
  locationId: string;
  type: EventType;
  conversationId?: string | null;
  data: unknown;
}
export type BeforeCommit = (client: PoolClient, events: PendingEvent[]) => Promise<void>;
export type PoolClient = pg.PoolClient;
export type QueryResultRow = pg.QueryResultRow;

export function createPool(connectionString: string, max: number, beforeCommit?: BeforeCommit): Pool {
  const pool: Pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: 'aesthetix' });
  pool.beforeCommit = beforeCommit;
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // A checked-out client that loses its connection reports it to its query; never crash on it.
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * A statement of a hot path, prepared once per connection under its name: PostgreSQL then plans it
 * once instead of on every call (planning the ingest path's statements cost more than running them).
 * Only for fixed SQL text; the name must be unique to that text.
 */
export interface Prepared {
  name: string;
  text: string;
}

export const prepared = (name: string, text: string): Prepared => ({ name, text });

/** Anything that can run a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = any>(text: string | Prepared, values?: unknown[]): Promise<pg.QueryResult<R>>;
}
