/**
 * The server under test: `node --import tsx src/server/main.ts` as its own OS process (what
 * `npm start` runs), so its CPU and resident memory are its own and the load generator's are not.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../../src/server/db/embedded';

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
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', 'src/server/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: path.resolve('data/bench/app'),
      SECRET_KEY: BENCH_SECRET_KEY,
      SEED_DEMO: 'false',
      SIMULATOR: 'false',
      LOG_LEVEL: 'warn',
      // The benchmark is one client sending far more than a provider's fair share.
      WEBHOOK_RATE_LIMIT: '100000000',
      LOGIN_RATE_LIMIT: '100000',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  log(`server up at ${url} (pid ${child.pid})`);
  return {
    url,
    pid: child.pid!,
    rss: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : NaN;
    },
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
