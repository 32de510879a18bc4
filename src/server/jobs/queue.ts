/**
 * The durable queue: graphile-worker on our PostgreSQL. Jobs are added with SQL inside the same
 * transaction as the change that needs them (a send is queued together with its message, so a
 * crash can lose neither); workers in every server process pick them up via LISTEN/NOTIFY.
 */
import { Logger, run, runMigrations, type Runner, type Task, type TaskList } from 'graphile-worker';
import type { Pool, Queryable } from '../db/pool';

interface Log {
  debug(msg: string): void;
  warn(msg: string): void;
  error(obj: unknown, msg?: string): void;
}

const loggerFor = (log?: Log) =>
  new Logger(() => (level, message) => {
    if (!log) return;
    if (level === 'error') log.error({}, message);
    else if (level === 'warning') log.warn(message);
    else log.debug(message);
  });

/** Creates or updates the queue's own schema (graphile_worker); idempotent, safe to run concurrently. */
export async function migrateQueue(databaseUrl: string): Promise<void> {
  await runMigrations({ connectionString: databaseUrl, logger: loggerFor() });
}

export interface JobOptions {
  runAt?: Date;
  /** A job with the same key replaces the pending one (dedupe, reschedule). */
  jobKey?: string;
  maxAttempts?: number;
}

/** Adds a job in the caller's transaction: it exists exactly when the transaction commits. */
export async function enqueue(db: Queryable, task: string, payload: object, opts: JobOptions = {}): Promise<void> {
  await db.query(
    `SELECT graphile_worker.add_job($1, $2::json, run_at => $3::timestamptz, max_attempts => $4::int, job_key => $5::text)`,
    [task, JSON.stringify(payload), opts.runAt ?? null, opts.maxAttempts ?? 25, opts.jobKey ?? null],
  );
}

/** Removes a pending job by its key, in the caller's transaction (a job already running is not stopped). */
export async function removeJob(db: Queryable, jobKey: string): Promise<void> {
  await db.query('SELECT graphile_worker.remove_job($1)', [jobKey]);
}

/**
 * The worker of this process. `crontab` (graphile-worker's format) schedules recurring jobs: every
 * process runs the same crontab, and the queue makes sure each tick runs once among them.
 */
export async function startWorker(pool: Pool, tasks: Record<string, Task>, concurrency: number, log: Log, crontab = ''): Promise<Runner> {
  return run({
    pgPool: pool,
    taskList: tasks as TaskList,
    crontab,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: loggerFor(log),
  });
}

/** Exponential back-off with full jitter: base·2^(attempt-1), capped, times a random factor. */
export function backoffMs(attempt: number, baseMs: number, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}
