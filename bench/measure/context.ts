import type { BenchOptions } from '../lib/options';
import type { BenchAppServer } from '../lib/server';
import type { DataPlan } from '../generate/generate';
import type { Http } from '../lib/http';
import type pg from 'pg';

export interface MeasureContext {
  opts: BenchOptions;
  server: BenchAppServer;
  databaseUrl: string;
  plan: DataPlan;
  log: (m: string) => void;
  /** Signed in as the large location's admin. */
  admin: Http & { cookie: string; userId: string; locationId: string };
  /** A direct connection pool to the run database (set-up and checks, never the timed path). */
  pool: pg.Pool;
  /** The large location's Twilio number, connected for the ingest measurements. */
  twilio: { number: string; accountSid: string; authToken: string };
}

/** One line of the results table. */
export interface Row {
  group: string;
  name: string;
  value: number;
  unit: string;
  /** The target this line is held to: at least (>=) or at most (<=). */
  target?: { op: '>=' | '<='; value: number };
  detail?: object;
}
