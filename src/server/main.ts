/**
 * Start-up: configuration → database (embedded unless DATABASE_URL) → migrations → demo data →
 * real-time hub → HTTP. SIGINT/SIGTERM drain HTTP, then stop the hub, the pool and the embedded
 * server, so the next start finds its data intact.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { buildApp } from './app';
import { loadConfig, type Config } from './config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded';
import { migrate } from './db/migrate';
import { DiskStorage } from './attachments/storage';
import { RealtimeHub } from './realtime/hub';
import { seedDemo } from './seed/demo';
import { createSecrets, loadSecretKey } from './crypto/secrets';
import { startWorker } from './jobs/queue';
import { buildDeps, buildTasks, createAppPool, CRONTAB } from './compose';
import type { App, Deps } from './http/types';
import type { ChannelAdapter, Listener } from './channels/adapter';
import { createMailer } from './mail/mailer';
import { SharedLimiter } from './http/shared-limit';
import { assertPortFree, portError, StartupError } from './ports';

const SHUTDOWN_STEP_MS = 10_000;

/** Waits for p, but at most ms (then calls onTimeout and resolves anyway). */
async function bounded(p: Promise<unknown> | undefined, ms: number, onTimeout: () => void): Promise<void> {
  if (!p) return;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
    timer.unref();
  });
  await Promise.race([p.catch(() => undefined), late]);
  clearTimeout(timer);
}

export interface RunningServer {
  app: App;
  deps: Deps;
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { logger?: boolean; adapters?: readonly ChannelAdapter[] } = {}): Promise<RunningServer> {
  const log = pino({ level: opts.logger === false ? 'silent' : config.logLevel });
  // A taken port is said before the embedded database spends seconds starting.
  await assertPortFree(config.port, config.host, 'PORT');
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = config.databaseUrl;
  // What has started so far, stopped in reverse order if a later step fails.
  const started: (() => Promise<unknown>)[] = [];
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(config.dataDir, log);
    databaseUrl = embedded.url;
  }
  try {
    await migrate(databaseUrl, (m) => log.info(m));
    const pool = createAppPool(databaseUrl, config.dbPoolSize);
    started.push(() => pool.end());
    if (config.seedDemo) await seedDemo(pool, log);
    const hub = new RealtimeHub(pool, databaseUrl, log);
    await hub.start();
    started.push(() => hub.stop());
    const storage = new DiskStorage(path.join(config.dataDir, 'attachments'));
    const secrets = createSecrets(loadSecretKey(config.secretKey, config.dataDir));
    const mailer = createMailer(config.mail, log);
    const deps = buildDeps({ config, pool, hub, storage, secrets, mailer, limiter: new SharedLimiter(pool) }, opts.adapters);
    // Periodic work (housekeeping, the sync tick) is cron: once among all processes.
    const worker = await startWorker(pool, buildTasks(deps), config.workerConcurrency, log, CRONTAB);
    started.push(() => worker.stop());
    // Long-lived inbound listeners (a mailbox's IDLE connection); each adapter keeps one per stream across processes.
    const listeners: Listener[] = [];
    for (const adapter of deps.channels.adapters) if (adapter.inbound?.listen) listeners.push(...(await adapter.inbound.listen(deps)));
    started.push(() => Promise.all(listeners.map((l) => l.close())));
    const app = await buildApp(deps, opts);
    started.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host }).catch((err) => {
      throw portError(err, config.port, 'PORT');
    });
    const port = (app.server.address() as { port: number }).port;
    if (!config.publicUrlExplicit) config.publicUrl = `http://localhost:${port}`;
    if (config.seedDemo) {
      log.warn(
        `Demo mode: the demo logins (README) and the simulator's tokens are public — anyone who reaches ${address} can sign in. ` +
          (config.hostExplicit ? `Listening on ${config.host} (HOST).` : 'Listening on 127.0.0.1 only; set HOST=0.0.0.0 to open it to the network.'),
      );
    }

    let closing: Promise<void> | undefined;
    return {
      app,
      deps,
      url: `http://127.0.0.1:${port}`,
      databaseUrl,
      close: () =>
        (closing ??= (async () => {
          // Each step is bounded: a shutdown that waits forever on one stuck request, job or
          // connection would keep the process (and its port) alive. What overran is logged.
          const step = (what: string, p: Promise<unknown> | undefined) => bounded(p, SHUTDOWN_STEP_MS, () => log.warn(`shutdown: ${what} did not finish within ${SHUTDOWN_STEP_MS} ms; going on`));
          await step('realtime hub', hub.stop());
          await step('HTTP server', app.close());
          await step('inbound listeners', Promise.all(listeners.map((l) => l.close())));
          await step('job worker', worker.stop());
          await step('system mail', mailer?.close());
          await step('database pool', pool.end());
          await embedded?.stop();
          log.info(`stopped (was ${address})`);
        })()),
    };
  } catch (err) {
    for (const stop of started.reverse()) await bounded(stop(), SHUTDOWN_STEP_MS, () => {});
    await embedded?.stop();
    throw err;
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    throw new StartupError((err as Error).message);
  }
  const server = await startServer(config);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means now
    server.app.log.info(`${signal} received; shutting down`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err) => {
    // What configuration fixes is said plainly; anything else is a bug, with its stack.
    console.error(err instanceof StartupError ? err.message : err);
    process.exit(1);
  });
}
