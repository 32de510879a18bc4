/** The results table on stdout, and the same rows with the machine's description as JSON. */
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { BenchOptions } from './options';
import type { DataPlan } from '../generate/generate';
import type { Row } from '../measure/context';

export type { Row };

const verdict = (r: Row) => (!r.target ? '' : (r.target.op === '>=' ? r.value >= r.target.value : r.value <= r.target.value) ? 'met' : 'MISSED');
const fmt = (v: number) => (Number.isNaN(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export async function report(a: { opts: BenchOptions; rows: Row[]; plan: DataPlan; generatedSeconds: number | null; database: string; databaseUrl: string; totalSeconds: number }) {
  const lines: string[] = [];
  const w = Math.max(...a.rows.map((r) => r.name.length), 20);
  let group = '';
  lines.push(`${'measurement'.padEnd(w)}  ${'value'.padStart(10)}  unit    target      `);
  for (const r of a.rows) {
    if (r.group !== group) lines.push(`— ${(group = r.group)}`);
    const target = r.target ? `${r.target.op} ${r.target.value}` : '';
    lines.push(`${r.name.padEnd(w)}  ${fmt(r.value).padStart(10)}  ${r.unit.padEnd(6)}  ${target.padEnd(10)}  ${verdict(r)}`);
  }
  const machine = await describeMachine(a.databaseUrl, a.database);
  console.log(`\n${machine.summary}\n${lines.join('\n')}\n`);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.resolve('bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${stamp}${a.opts.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify({
    at: new Date().toISOString(),
    quick: a.opts.quick,
    machine,
    dataSet: { ...a.plan, small: { count: a.plan.small.length, each: a.plan.small[0] }, generatedSeconds: a.generatedSeconds },
    totalSeconds: a.totalSeconds,
    results: a.rows.map((r) => ({ ...r, verdict: verdict(r) || undefined })),
  }, null, 2) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

async function describeMachine(databaseUrl: string, database: string) {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  const v = await c.query(`SELECT version() AS v, current_setting('shared_buffers') AS sb`);
  await c.end();
  const commit = (() => {
    try {
      const head = execSync('git rev-parse --short HEAD', { encoding: 'utf8' }).trim();
      const dirty = execSync('git status --porcelain --untracked-files=no', { encoding: 'utf8' }).trim() !== '';
      return dirty ? `${head}+changes` : head;
    } catch {
      return null;
    }
  })();
  const cpus = os.cpus();
  const m = {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: String(v.rows[0].v).split(',')[0],
    postgresServer: database,
    sharedBuffers: v.rows[0].sb,
    commit,
  };
  return { ...m, summary: `${m.cores} × ${m.cpu}, ${m.memoryGiB} GiB, ${m.node}, ${m.postgres} (${database}, shared_buffers ${m.sharedBuffers}), commit ${commit}` };
}
