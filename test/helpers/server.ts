import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { freePort } from '../../src/server/db/embedded';
import type { Pool } from '../../src/server/db/pool';
import { createAppPool } from '../../src/server/compose';
import type { ChannelAdapter } from '../../src/server/channels/adapter';
import { startServer, type RunningServer } from '../../src/server/main';

/** A fresh database copied from the migrated template: each test file has its own. */
export async function freshDatabase(): Promise<string> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDb');
  const name = `${template.replace('aix_tmpl_', 'aix_t_')}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export interface TestServer extends RunningServer {
  pool: Pool;
  dataDir: string;
  stop(): Promise<void>;
}

/** The real server, in this process, listening on a free port, on its own database. */
export async function startTestServer(
  env: Record<string, string> = {},
  databaseUrl?: string,
  opts: { adapters?: readonly ChannelAdapter[] } = {},
): Promise<TestServer> {
  const dbUrl = databaseUrl ?? (await freshDatabase());
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-data-'));
  // A known port, so PUBLIC_URL (what webhook signatures are computed over) is the real address.
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const config = loadConfig({
    DATABASE_URL: dbUrl,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer(config, { logger: false, adapters: opts.adapters });
  const pool = createAppPool(dbUrl, 4);
  return {
    ...server,
    pool,
    dataDir,
    stop: async () => {
      await pool.end();
      await server.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * The real server as a separate OS process, as `npm start` runs it (`node --import tsx src/demo/main.ts`), once it
 * answers /healthz. execArgv: extra Node flags (the benchmark's CPU profile).
 */
export async function spawnServer(env: Record<string, string>, opts: { execArgv?: string[]; startTimeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const child = spawn(process.execPath, [...(opts.execArgv ?? []), '--import', 'tsx', 'src/demo/main.ts'], {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info', SEED_DEMO: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
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
  return {
    url,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}
