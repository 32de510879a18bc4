/**
 * The server under test: `node --import tsx src/server/main.ts` as its own OS process (what
 * `npm start` runs), so its CPU and resident memory are its own and the load generator's are not.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/server/db/embedded';
import { spawnServer } from '../../test/helpers/server';

export interface BenchAppServer {
  url: string;
  pid: number;
  /** Resident memory of the server process, bytes (from /proc). */
  rss(): number;
  stop(): Promise<void>;
  output(): string;
}

export const BENCH_SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export async function startBenchServer(databaseUrl: string, log: (m: string) => void, env: Record<string, string> = {}): Promise<BenchAppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // BENCH_PROFILE=1: the server writes a V8 CPU profile to data/bench/profiles when it stops.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve('data/bench/profiles')}`] : [];
  const server = await spawnServer(
    {
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: path.resolve('data/bench/app'),
      SECRET_KEY: BENCH_SECRET_KEY,
      SIMULATOR: 'false',
      LOG_LEVEL: 'warn',
      // The benchmark is one client sending far more than a provider's fair share.
      WEBHOOK_RATE_LIMIT: '100000000',
      LOGIN_RATE_LIMIT: '100000',
      ...env,
    },
    { execArgv: profile, startTimeoutMs: 120_000 },
  );
  const pid = server.child.pid!;
  log(`server up at ${url} (pid ${pid})`);
  return {
    url,
    pid,
    rss: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    output: server.output,
    stop: async () => void (await server.stop()),
  };
}
