/**
 * Builds the web app (dist/web) and the chat widget (dist/widget) when one is missing or older than
 * its sources (run before `npm start` and by the browser tests). Each build records a hash of its
 * inputs; a different hash rebuilds that target only.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const COMMON = ['src/shared', 'scripts/bundle-report.ts', 'package-lock.json'];

interface Target {
  name: string;
  config: string;
  /** Vite root, as the config says it (passed explicitly, so the build works from any cwd). */
  root: string;
  outDir: string;
  /** The file whose presence means "built". */
  output: string;
  inputs: string[];
}

const TARGETS: Target[] = [
  { name: 'web app', config: 'vite.config.ts', root: 'src/web', outDir: 'dist/web', output: 'index.html', inputs: ['src/web', ...COMMON] },
  { name: 'chat widget', config: 'vite.widget.config.ts', root: 'src/widget', outDir: 'dist/widget', output: 'widget.js', inputs: ['src/widget', ...COMMON] },
];

function files(p: string): string[] {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [p];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((d) => files(path.join(p, d.name)))
    .sort();
}

function inputsHash(target: Target): string {
  const h = crypto.createHash('sha256');
  for (const f of [target.config, ...target.inputs].flatMap(files)) h.update(f).update('\0').update(fs.readFileSync(path.join(root, f)));
  return h.digest('hex');
}

async function ensureTarget(t: Target, log: (m: string) => void): Promise<boolean> {
  const outDir = path.join(root, t.outDir);
  const stampFile = path.join(outDir, '.inputs-hash');
  const hash = inputsHash(t);
  if (fs.existsSync(path.join(outDir, t.output)) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) return false;
  log(`building the ${t.name} (sources changed or no build yet)…`);
  const { build } = await import('vite');
  await build({ configFile: path.join(root, t.config), root: path.join(root, t.root), mode: 'production', logLevel: 'warn' });
  fs.writeFileSync(stampFile, hash);
  return true;
}

/** Builds what is stale; true when anything was built. */
export async function ensureWebBuild(log: (m: string) => void = console.log): Promise<boolean> {
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which would bundle React's
  // development build).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    let built = false;
    for (const t of TARGETS) built = (await ensureTarget(t, log)) || built;
    return built;
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureWebBuild().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
