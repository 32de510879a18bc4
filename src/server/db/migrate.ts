import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import { Logger, runMigrations } from 'graphile-worker';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

/**
 * Forward-only migrations from one folder, for the embedded and any external server alike.
 * An advisory lock lets several processes start at once: the others wait, then find nothing to do.
 */
export async function migrate(databaseUrl: string, log: (msg: string) => void = () => {}): Promise<string[]> {
  const ran = await runner({
    databaseUrl,
    dir: MIGRATIONS_DIR,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    count: Infinity,
    singleTransaction: true,
    advisoryLockMode: 'wait',
    checkOrder: true,
    log: () => {},
    logger: { debug: () => {}, info: () => {}, warn: log, error: log },
  });
  for (const m of ran) log(`migration applied: ${m.name}`);
  // The job queue's own schema (graphile_worker), idempotent and safe to run concurrently.
  await runMigrations({ connectionString: databaseUrl, logger: new Logger(() => () => {}) });
  return ran.map((m) => m.name);
}
