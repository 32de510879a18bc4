import pg from 'pg';

// bigint counts and sequence numbers fit comfortably in a JS number at our scale.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
export type QueryResultRow = pg.QueryResultRow;

export function createPool(connectionString: string, max: number): Pool {
  const pool = new pg.Pool({ connectionString, max, idleTimeoutMillis: 30_000, application_name: 'aesthetix' });
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
