import pg from 'pg';
import type { BenchOptions } from '../lib/options';
import type { BenchAppServer } from '../lib/server';
import type { DataPlan } from '../generate/generate';
import { BENCH_PASSWORD } from '../generate/generate';
import { signIn } from '../lib/http';
import type { MeasureContext, Row } from './context';
import { measureIngest } from './ingest';
import { measureEndToEnd } from './e2e';
import { measureList } from './list';
import { measureThread } from './thread';
import { measureSearch } from './search';
import { measureFanout } from './fanout';
import { measureWebApp } from './web';

const MEASURES: Record<string, (c: MeasureContext) => Promise<Row[]>> = {
  ingest: measureIngest,
  e2e: measureEndToEnd,
  list: measureList,
  thread: measureThread,
  search: measureSearch,
  fanout: measureFanout,
  web: measureWebApp,
};

export async function runMeasures(a: { opts: BenchOptions; server: BenchAppServer; databaseUrl: string; plan: DataPlan; log: (m: string) => void; only: string[] }): Promise<Row[]> {
  const pool = new pg.Pool({ connectionString: a.databaseUrl, max: 4 });
  const admin = await signIn(a.server.url, 'bench-admin-0@bench.test', BENCH_PASSWORD);
  const twilio = { number: '+12125550100', accountSid: 'AC' + 'b2'.repeat(16), authToken: 'bench-auth-token-0123456789' };
  await admin.json('POST', '/api/v1/channels', { type: 'twilio', phoneNumber: twilio.number, accountSid: twilio.accountSid, authToken: twilio.authToken });
  const ctx: MeasureContext = { ...a, admin, pool, twilio };
  const rows: Row[] = [];
  try {
    for (const name of a.only) {
      a.log(`measuring ${name}…`);
      const t0 = Date.now();
      try {
        rows.push(...(await MEASURES[name](ctx)));
        a.log(`${name} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        // One measurement that cannot run (no Chromium, say) is reported, and the others still run.
        a.log(`${name} FAILED: ${(err as Error).stack ?? err}`);
        rows.push({ group: name, name: `${name}: failed — ${(err as Error).message.split('\n')[0].slice(0, 80)}`, value: NaN, unit: '' });
      }
    }
  } finally {
    admin.close();
    await pool.end();
  }
  return rows;
}
