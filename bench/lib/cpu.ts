/**
 * CPU time spent by the server process, by all PostgreSQL processes and by this load generator
 * between two readings (from /proc): where a measurement's time went on this shared machine.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procTimes(pid: number | string): { comm: string; ms: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { comm, ms: (Number(f[11]) + Number(f[12])) * TICK_MS }; // utime + stime
  } catch {
    return null;
  }
}

function parentOf(pid: number | string): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The PostgreSQL server's processes: its postmaster and every child (backends, writers, WAL). */
function postgresMs(postmaster: number): number {
  let sum = procTimes(postmaster)?.ms ?? 0;
  for (const pid of readdirSync('/proc')) {
    if (/^\d+$/.test(pid) && parentOf(pid) === postmaster) sum += procTimes(pid)?.ms ?? 0;
  }
  return sum;
}

/** The postmaster of the server this pool talks to (the parent of one of its backends); null when remote. */
export async function postmasterOf(db: { query(sql: string): Promise<{ rows: { pid: number }[] }> }): Promise<number | null> {
  const { rows } = await db.query('SELECT pg_backend_pid() AS pid');
  return parentOf(rows[0].pid);
}

export interface CpuReading {
  server: number;
  database: number;
  client: number;
}

export function readCpu(serverPid: number, postmaster: number | null): CpuReading {
  const u = process.cpuUsage();
  return { server: procTimes(serverPid)?.ms ?? NaN, database: postmaster ? postgresMs(postmaster) : NaN, client: (u.user + u.system) / 1000 };
}

/** CPU milliseconds per unit of work (e.g. per message) between two readings. */
export function cpuPer(a: CpuReading, b: CpuReading, units: number) {
  const r = (x: number) => Math.round((x / units) * 1000) / 1000;
  return { serverMs: r(b.server - a.server), databaseMs: r(b.database - a.database), clientMs: r(b.client - a.client) };
}
