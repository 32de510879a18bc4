/**
 * The layers point one way, and stay so (dependency-cruiser reads the real import graph):
 * db/ knows no domain module; the server never imports the simulator (demo mode starts it as its
 * own process); only the composition root imports a provider's folder; shared/ imports nothing of
 * server, web or simulator; the web app and the simulator never import the server; no runtime
 * import cycles. And process-wide state lives in the composition root: module-level mutable
 * state in the server is limited to the pure memo caches named here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROVIDERS = fs
  .readdirSync(path.join(ROOT, 'src/server/channels'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const RULES = [
  { name: 'db-knows-no-domain', from: { path: '^src/server/db/' }, to: { path: '^src/server/', pathNot: '^src/server/db/' } },
  { name: 'server-never-imports-simulator', from: { path: '^src/server/' }, to: { path: '^src/simulator/' } },
  {
    name: 'only-the-composition-root-imports-a-provider',
    from: { path: '^src/server/', pathNot: [`^src/server/channels/(${PROVIDERS.join('|')})/`, '^src/server/compose\\.ts$'] },
    to: { path: `^src/server/channels/(${PROVIDERS.join('|')})/` },
  },
  { name: 'shared-imports-nothing-of-the-app', from: { path: '^src/shared/' }, to: { path: '^src/(server|web|simulator|widget|demo)/' } },
  { name: 'web-never-imports-server', from: { path: '^src/(web|widget)/' }, to: { path: '^src/(server|simulator|demo)/' } },
  { name: 'simulator-never-imports-server', from: { path: '^src/simulator/' }, to: { path: '^src/(server|web|demo)/' } },
  { name: 'no-cycles', from: { path: '^src/' }, to: { circular: true } },
];

let result: ICruiseResult;

beforeAll(async () => {
  const r = await cruise(['src'], {
    baseDir: ROOT,
    // Runtime imports: type-only imports are erased and cannot form a cycle that runs.
    tsPreCompilationDeps: false,
    tsConfig: { fileName: path.join(ROOT, 'tsconfig.json') },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    ruleSet: { forbidden: RULES.map((r) => ({ ...r, severity: 'error' as const })) },
    validate: true,
  } as never);
  result = r.output as ICruiseResult;
}, 120_000);

const violations = (rule: string) =>
  result.summary.violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} → ${v.to}${v.cycle ? ` (${v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' → ')})` : ''}`);

describe('layers', () => {
  it('reads the whole code base', () => {
    expect(result.summary.totalCruised).toBeGreaterThan(400);
    // Every import resolved (an alias the resolver misses would hide edges).
    const unresolved = result.modules.flatMap((m) => m.dependencies.filter((d) => d.couldNotResolve && /^[.#]/.test(d.module)).map((d) => `${m.source} → ${d.module}`));
    expect(unresolved).toEqual([]);
  });

  for (const rule of RULES.map((r) => r.name)) {
    it(rule, () => expect(violations(rule)).toEqual([]));
  }
});

/** Module-level mutable state allowed in the server: pure memo caches (same input, same output). */
const PURE_MEMOS = new Set([
  'src/server/auth/password.ts: let dummyHash', // the argon2 hash compared against when a user is unknown (timing), made once
  'src/server/auth/password-policy.ts: let common', // the shipped common-password list, read once
  'src/server/realtime/socket-route.ts: const frames = new WeakMap', // an event's JSON, serialized once for every socket
  'src/server/appointments/zoned-time.ts: const formatters = new Map', // Intl.DateTimeFormat per time zone
  'src/server/appointments/zoned-time.ts: const SHORT = new Map', // Intl.DateTimeFormat per time zone
]);

describe('no module-level singletons outside the composition root', () => {
  it('holds process-wide state only in Deps', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name)) {
          const rel = path.relative(ROOT, p);
          if (/^src\/server\/(compose|main)\.ts$/.test(rel)) continue;
          for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
            const m = line.match(/^(?:export )?(let \w+|var \w+|const \w+ = new (?:Map|WeakMap)\b)/);
            if (m) found.push(`${rel}: ${m[1]}`);
          }
        }
      }
    };
    walk(path.join(ROOT, 'src/server'));
    expect(found.filter((f) => !PURE_MEMOS.has(f))).toEqual([]);
  });
});
