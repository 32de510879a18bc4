/**
 * `npm run bench`: builds (or reuses) the data set, starts the real server as its own process
 * against it, runs each measurement over HTTP/WebSocket (and Chromium for the web app), prints one
 * table against the targets and writes bench/results/<timestamp>.json. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { parseOptions, MEASURES } from './lib/options';
import { startDatabaseServer } from './lib/database';
import { dataPlan, prepareDatabase } from './generate/generate';
import { startBenchServer } from './lib/server';
import { report, type Row } from './lib/report';
import { runMeasures } from './measure/index';

const opts = parseOptions(process.argv.slice(2));
const log = (m: string) => console.log(`[bench] ${m}`);
const t0 = Date.now();

// The web measurement needs the built app; `npm start` builds it the same way when stale.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
const pgServer = await startDatabaseServer();
let exitCode = 0;
try {
  const plan = dataPlan(opts.data);
  const dbName = opts.quick ? 'aix_bench_quick' : 'aix_bench_full';
  const { url, generatedSeconds } = await prepareDatabase(pgServer.url, dbName, plan, { fresh: opts.fresh, workers: opts.workers, log });
  const server = await startBenchServer(url, log);
  let rows: Row[] = [];
  try {
    rows = await runMeasures({ opts, server, databaseUrl: url, plan, log, only: opts.only ?? [...MEASURES] });
  } finally {
    await server.stop();
  }
  await report({ opts, rows, plan, generatedSeconds, database: pgServer.kind, databaseUrl: url, totalSeconds: (Date.now() - t0) / 1000 });
  if (rows.some((r) => Number.isNaN(r.value))) exitCode = 1;
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await pgServer.stop();
}
process.exit(exitCode);
