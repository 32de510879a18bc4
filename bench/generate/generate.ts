/**
 * Builds the benchmark data set once into a template database, then gives every run a fresh copy
 * (CREATE DATABASE … TEMPLATE, a file copy), so each run measures the same data and a run's own
 * writes never accumulate. The template is rebuilt only when the plan changes (or --fresh).
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { hash } from '@node-rs/argon2';
import { migrate } from '../../src/server/db/migrate';
import { FUNCTIONS_SQL, finishSql, messageSql, peopleSql, type LocationPlan } from './sql';
import { runParallel } from '../lib/parallel';

export const BENCH_PASSWORD = 'bench-password-1';
/** Bump when the generator makes different data for the same plan: templates are rebuilt. */
const GENERATOR_VERSION = 2;

export interface DataPlan {
  large: LocationPlan;
  small: LocationPlan[];
}

export function dataPlan(o: { contacts: number; messages: number; smallLocations: number; smallContacts: number; smallMessages: number; bigThread: number; users: number }): DataPlan {
  return {
    large: { ordinal: 0, name: 'Bench Clinic (large)', contacts: o.contacts, messages: o.messages, users: o.users, bigThread: o.bigThread },
    small: Array.from({ length: o.smallLocations }, (_, i) => ({
      ordinal: i + 1,
      name: `Bench Clinic ${String(i + 1).padStart(2, '0')}`,
      contacts: o.smallContacts,
      messages: o.smallMessages,
      users: 3,
      bigThread: 0,
    })),
  };
}

const withDb = (url: string, db: string) => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
};

async function adminQuery<T extends pg.QueryResultRow = any>(serverUrl: string, sql: string, values?: unknown[]) {
  const c = new pg.Client({ connectionString: withDb(serverUrl, 'postgres') });
  await c.connect();
  try {
    return await c.query<T>(sql, values);
  } finally {
    await c.end();
  }
}

/**
 * Ensures the template for this plan exists, then creates the run's database from it.
 * Returns the run database's URL.
 */
export async function prepareDatabase(serverUrl: string, name: string, plan: DataPlan, opts: { fresh: boolean; workers: number; log: (m: string) => void }): Promise<{ url: string; generatedSeconds: number | null }> {
  const planHash = createHash('sha256').update(JSON.stringify({ GENERATOR_VERSION, plan })).digest('hex').slice(0, 16);
  const template = `${name}_tpl`;
  const tplUrl = withDb(serverUrl, template);
  let generatedSeconds: number | null = null;
  const exists = (await adminQuery(serverUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount! > 0;
  let current = false;
  if (exists && !opts.fresh) {
    const c = new pg.Client({ connectionString: tplUrl });
    await c.connect();
    const r = await c.query(`SELECT plan_hash FROM bench.dataset`).catch(() => ({ rows: [] as { plan_hash: string }[] }));
    await c.end();
    current = r.rows[0]?.plan_hash === planHash;
  }
  if (!current) {
    await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await adminQuery(serverUrl, `CREATE DATABASE ${template}`);
    const t0 = Date.now();
    await generate(tplUrl, plan, planHash, opts);
    generatedSeconds = (Date.now() - t0) / 1000;
  } else opts.log(`data set: reusing template ${template}`);
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  const t1 = Date.now();
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY file_copy`).catch(async (err: Error) => {
    // PostgreSQL before 15 has no STRATEGY (and always copies files).
    if (!/strategy/i.test(err.message)) throw err;
    await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
  });
  opts.log(`data set: run database ${name} copied from the template in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  return { url: withDb(serverUrl, name), generatedSeconds };
}

async function generate(url: string, plan: DataPlan, planHash: string, opts: { workers: number; log: (m: string) => void }) {
  const { log } = opts;
  const all = [plan.large, ...plan.small];
  log(`data set: migrating`);
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: opts.workers });
  const t0 = Date.now();
  const step = (m: string) => log(`data set: ${m} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  try {
    await pool.query(FUNCTIONS_SQL);
    // Bulk loading into tables without their secondary indexes, then building each index once, is
    // several times faster than maintaining GIN and btree indexes row by row.
    const idx = await pool.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'public' AND i.tablename IN ('contacts', 'conversations', 'messages')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    );
    for (const i of idx.rows) await pool.query(`DROP INDEX ${i.indexname}`);
    step(`dropped ${idx.rowCount} secondary indexes for the load`);

    const passwordHash = await hash(BENCH_PASSWORD);
    // People and conversations: one location per worker at a time.
    await runParallel(all.map((p) => async (c: pg.PoolClient) => {
      for (const sql of peopleSql(p)) await c.query(sql, sql.includes('$1') ? [passwordHash] : undefined);
    }), pool, opts.workers);
    step(`${all.length} locations, their teams, ${sum(all, 'contacts')} contacts and conversations`);

    // Messages: foreign keys are satisfied by construction; replica mode skips their checks.
    const chunks = Math.max(opts.workers * 2, Math.ceil(plan.large.messages / 250_000));
    const jobs = all.flatMap((p) => messageSql(p, p === plan.large ? chunks : 1));
    await runParallel(jobs.map((sql) => async (c: pg.PoolClient) => {
      await c.query(`SET session_replication_role = replica`).catch(() => {});
      try {
        await c.query(sql);
      } finally {
        await c.query(`SET session_replication_role = origin`).catch(() => {});
      }
    }), pool, opts.workers);
    step(`${sum(all, 'messages')} messages`);

    await runParallel(all.flatMap((p) => finishSql(p)).map((sql) => (c: pg.PoolClient) => c.query(sql).then(() => {})), pool, opts.workers);
    step(`conversation channels`);

    // Each index build uses the parallel maintenance workers of one backend, two builds at once.
    await runParallel(idx.rows.map((i) => async (c: pg.PoolClient) => {
      await c.query(`SET maintenance_work_mem = '512MB'`);
      await c.query(i.indexdef);
    }), pool, opts.workers);
    step(`rebuilt ${idx.rowCount} indexes`);

    await pool.query(`VACUUM (ANALYZE) contacts, conversations, messages, conversation_counts, memberships, users, locations`);
    await pool.query(`CREATE TABLE bench.dataset (plan_hash text NOT NULL, plan jsonb NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())`);
    await pool.query(`INSERT INTO bench.dataset (plan_hash, plan) VALUES ($1, $2)`, [planHash, JSON.stringify(plan)]);
    step(`vacuumed and analysed`);
  } finally {
    await pool.end();
  }
}

const sum = (xs: LocationPlan[], k: 'contacts' | 'messages') => xs.reduce((a, p) => a + p[k], 0);
