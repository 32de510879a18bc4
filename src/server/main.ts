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
import { createPool } from './db/pool';
import { DiskStorage } from './attachments/storage';
import { RealtimeHub } from './realtime/hub';
import { SharedLimiter } from './http/shared-limit';
import { seedDemo } from './seed/demo';
import { createSecrets, loadSecretKey } from './crypto/secrets';
import { startWorker } from './jobs/queue';
import { buildTasks } from './jobs/tasks';
import { CRONTAB } from './jobs/housekeeping';
import { DEMO_TWILIO, ensureDemoChannels } from './demo/channels';
import type { App } from './http/types';
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
  url: string;
  databaseUrl: string;
  close(): Promise<void>;
}

export async function startServer(config: Config, opts: { logger?: boolean } = {}): Promise<RunningServer> {
  const log = pino({ level: opts.logger === false ? 'silent' : config.logLevel });
  // A taken port is said before the embedded database spends seconds starting.
  await assertPortFree(config.port, config.host, 'PORT');
  if (config.simulator.enabled) await assertPortFree(config.simulator.port, '127.0.0.1', 'SIMULATOR_PORT');
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
    const pool = createPool(databaseUrl, config.dbPoolSize);
    started.push(() => pool.end());
    if (config.seedDemo) await seedDemo(pool, log);
    const hub = new RealtimeHub(pool, databaseUrl, log);
    await hub.start();
    started.push(() => hub.stop());
    const storage = new DiskStorage(path.join(config.dataDir, 'attachments'));
    const secrets = createSecrets(loadSecretKey(config.secretKey, config.dataDir));
    const deps = { config, pool, hub, storage, secrets, limiter: new SharedLimiter(pool) };
    // Demo mode: the provider simulator beside the app, with the demo clinics' numbers on it.
    let simulator: { url: string; close(): Promise<void> } | undefined;
    if (config.simulator.enabled) {
      const { startSimulator } = await import('../simulator/index');
      simulator = await startSimulator({
        port: config.simulator.port,
        appUrl: config.publicUrl,
        accounts: DEMO_TWILIO.map((d) => ({ sid: d.accountSid, token: d.authToken, numbers: [d.number] })),
        onLog: (m, err) => log.warn({ err }, `[simulator] ${m}`),
      }).catch((err) => {
        throw portError(err, config.simulator.port, 'SIMULATOR_PORT');
      });
      started.push(() => simulator!.close());
      // Provider URLs that default to the simulator follow the port it really got (SIMULATOR_PORT=0).
      const assumed = `http://127.0.0.1:${config.simulator.port}`;
      for (const k of Object.keys(config.providers) as (keyof Config['providers'])[]) {
        if (config.providers[k] === assumed) config.providers[k] = simulator.url;
      }
      if (config.seedDemo) await ensureDemoChannels(pool, secrets);
      log.info(`provider simulator (client phone and demo site) at ${simulator.url}`);
    }
    // Housekeeping (unsent uploads, old events, rate-limit counters) is cron: once among all processes.
    const worker = await startWorker(pool, buildTasks(deps), config.workerConcurrency, log, CRONTAB);
    started.push(() => worker.stop());
    const app = await buildApp(deps, opts);
    started.push(() => app.close());
    const address = await app.listen({ port: config.port, host: config.host }).catch((err) => {
      throw portError(err, config.port, 'PORT');
    });
    const port = (app.server.address() as { port: number }).port;
    if (!config.publicUrlExplicit) config.publicUrl = `http://localhost:${port}`;
    if (config.seedDemo || simulator) {
      log.warn(
        `Demo mode: the demo logins (README) and the simulator's tokens are public — anyone who reaches ${address} can sign in. ` +
          (config.hostExplicit ? `Listening on ${config.host} (HOST).` : 'Listening on 127.0.0.1 only; set HOST=0.0.0.0 to open it to the network.'),
      );
    }

    let closing: Promise<void> | undefined;
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      databaseUrl,
      close: () =>
        (closing ??= (async () => {
          // Each step is bounded: a shutdown that waits forever on one stuck request, job or
          // connection would keep the process (and its port) alive. What overran is logged.
          const step = (what: string, p: Promise<unknown> | undefined) => bounded(p, SHUTDOWN_STEP_MS, () => log.warn(`shutdown: ${what} did not finish within ${SHUTDOWN_STEP_MS} ms; going on`));
          await step('realtime hub', hub.stop());
          await step('HTTP server', app.close());
          await step('job worker', worker.stop());
          await step('provider simulator', simulator?.close());
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
