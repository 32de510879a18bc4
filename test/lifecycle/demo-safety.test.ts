/**
 * Demo safety, as `npm start` runs (`node src/demo/main.ts`, its own process): on the embedded
 * defaults the server listens on 127.0.0.1 only and says the demo logins and simulator tokens are
 * public; a port that is taken is one plain line naming the variable that moves it; in production
 * neither the simulator nor the demo users start.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/server/db/embedded';
import { ApiClient } from '../helpers/client';
import { spawnServer } from '../helpers/server';

const dirs: string[] = [];
const dataDir = async () => {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-demo-'));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => fs.rm(d, { recursive: true, force: true }))));

/** Runs the server with `env` until it exits on its own (or is killed after `ms`). */
function runToExit(env: Record<string, string>, ms = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/demo/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: '', HOST: '', SEED_DEMO: '', SIMULATOR: '', NODE_ENV: '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Something else listening on a port of 127.0.0.1. */
async function occupy(): Promise<{ port: number; close(): Promise<void> }> {
  const port = await freePort();
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(port, '127.0.0.1', () => r()));
  return { port, close: () => new Promise((r) => srv.close(() => r())) };
}

const lanAddress = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

describe('a port that is taken', () => {
  let taken: { port: number; close(): Promise<void> };
  beforeAll(async () => {
    taken = await occupy();
  });
  afterAll(() => taken.close());

  it('PORT: one plain line naming PORT, exit code 1, nothing started', async () => {
    const dir = await dataDir();
    const { code, stdout, stderr } = await runToExit({ PORT: String(taken.port), DATA_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toBe(`Port ${taken.port} is in use; set PORT to another port (e.g. PORT=${taken.port + 100} npm start)\n`);
    expect(stdout + stderr).not.toMatch(/\n\s+at /); // no stack trace
    // Said before the embedded database was even initialised.
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('the simulator’s port: names SIMULATOR_PORT', async () => {
    const { code, stderr } = await runToExit({ PORT: '0', SIMULATOR_PORT: String(taken.port), DATA_DIR: await dataDir() });
    expect(code).toBe(1);
    expect(stderr).toBe(`Port ${taken.port} is in use; set SIMULATOR_PORT to another port (e.g. SIMULATOR_PORT=${taken.port + 100} npm start)\n`);
  });

  it('a configuration mistake is one plain message too', async () => {
    const { code, stderr } = await runToExit({ NODE_ENV: 'production', SEED_DEMO: 'true', DATA_DIR: await dataDir() });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^Invalid configuration:\n {2}SEED_DEMO: the demo logins are public; they are never loaded when NODE_ENV=production\n$/);
  });
});

describe('the embedded defaults (demo)', () => {
  it('listen on 127.0.0.1 only and say that the demo logins and simulator tokens are public', async () => {
    const server = await spawnServer({ DATA_DIR: await dataDir(), HOST: '', SEED_DEMO: '', DATABASE_URL: '', SIMULATOR_PORT: '0', SIMULATOR_SMTP_PORT: '0' }, { startTimeoutMs: 110_000 });
    try {
      const port = Number(new URL(server.url).port);
      expect(server.output()).toMatch(/Demo mode: the demo logins \(README\) and the simulator's tokens are public/);
      expect(server.output()).toContain('Listening on 127.0.0.1 only; set HOST=0.0.0.0 to open it to the network.');
      expect(server.output()).toContain(`http://127.0.0.1:${port}`);
      await ApiClient.signedIn(server.url, { email: 'admin@demo.local', password: 'demo-admin-1' });
      // Not reachable from the network: this machine's LAN address is refused.
      if (lanAddress) await expect(fetch(`http://${lanAddress}:${port}/healthz`)).rejects.toThrow();
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);

  it('NODE_ENV=production on the embedded database: no demo users, no simulator, all interfaces', async () => {
    const simPort = await freePort();
    const server = await spawnServer(
      { DATA_DIR: await dataDir(), HOST: '', SEED_DEMO: '', DATABASE_URL: '', NODE_ENV: 'production', SIMULATOR_PORT: String(simPort) },
      { startTimeoutMs: 110_000 },
    );
    try {
      const port = Number(new URL(server.url).port);
      const login = await new ApiClient(server.url).login('admin@demo.local', 'demo-admin-1');
      expect(login.status).toBe(401);
      expect(server.output()).not.toContain('provider simulator');
      expect(server.output()).not.toContain('Demo mode');
      await expect(fetch(`http://127.0.0.1:${simPort}/`)).rejects.toThrow();
      if (lanAddress) expect((await fetch(`http://${lanAddress}:${port}/healthz`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 120_000);
});
