/** Command line of `npm run bench`: sizes of the data set and of each measurement. */
import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  fresh: boolean;
  only: string[] | null;
  workers: number;
  data: { contacts: number; messages: number; smallLocations: number; smallContacts: number; smallMessages: number; bigThread: number; users: number };
  ingest: { count: number; concurrency: number };
  e2e: { rate: number; seconds: number };
  list: { requests: number; deepPage: number };
  thread: { requests: number };
  search: { requests: number };
  fanout: { sockets: number; broadcasts: number };
  web: { loads: number };
}

export const MEASURES = ['ingest', 'e2e', 'list', 'thread', 'search', 'fanout', 'web'] as const;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      only: { type: 'string' },
      contacts: { type: 'string' },
      messages: { type: 'string' },
      'small-locations': { type: 'string' },
      'ingest-count': { type: 'string' },
      sockets: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(`npm run bench [-- options]
  --quick                 a small data set and fewer requests (a few minutes)
  --fresh                 rebuild the data set even when a matching one exists
  --only=a,b              run only these: ${MEASURES.join(', ')}
  --contacts=N            contacts (and conversations) of the large location (default 200000)
  --messages=N            messages of the large location (default 2000000)
  --small-locations=N     small locations beside it (default 99)
  --ingest-count=N        webhooks sent by the ingest measurement (default 20000)
  --sockets=N             agent WebSockets of the fan-out measurement (default 2000)
DATABASE_URL=postgres://… uses that server (a role that may create databases) instead of the embedded one.`);
    process.exit(0);
  }
  const q = values.quick;
  const num = (v: string | undefined, d: number) => (v ? Number(v.replace(/_/g, '')) : d);
  const only = values.only ? values.only.split(',').map((s) => s.trim()) : null;
  for (const m of only ?? []) if (!(MEASURES as readonly string[]).includes(m)) throw new Error(`--only: unknown measurement ${m}`);
  return {
    quick: q,
    fresh: values.fresh,
    only,
    workers: 2,
    data: {
      contacts: num(values.contacts, q ? 10_000 : 200_000),
      messages: num(values.messages, q ? 100_000 : 2_000_000),
      smallLocations: num(values['small-locations'], q ? 9 : 99),
      smallContacts: 200,
      smallMessages: 1_000,
      bigThread: 10_000,
      users: 20,
    },
    ingest: { count: num(values['ingest-count'], q ? 4_000 : 20_000), concurrency: 32 },
    e2e: { rate: 200, seconds: q ? 5 : 15 },
    list: { requests: q ? 100 : 500, deepPage: 50 },
    thread: { requests: q ? 100 : 500 },
    search: { requests: q ? 50 : 200 },
    fanout: { sockets: num(values.sockets, 2_000), broadcasts: q ? 5 : 20 },
    web: { loads: q ? 3 : 7 },
  };
}
