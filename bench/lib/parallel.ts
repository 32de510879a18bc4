import type pg from 'pg';

/** Runs jobs on at most `workers` pooled connections at once, in order of the list. */
export async function runParallel(jobs: ((c: pg.PoolClient) => Promise<void>)[], pool: pg.Pool, workers: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    const c = await pool.connect();
    try {
      while (next < jobs.length) await jobs[next++](c);
    } finally {
      c.release();
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, worker));
}

/** Runs `count` tasks with at most `concurrency` in flight. */
export async function pooled(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) await task(next++);
  }));
}
