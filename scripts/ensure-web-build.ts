/**
 * Builds the web app when dist/web is missing or older than its sources (run before `npm start`
 * and by the browser tests). The build records a hash of every input; a different hash rebuilds.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist/web');
const stampFile = path.join(outDir, '.inputs-hash');
const INPUTS = ['src/web', 'src/shared', 'vite.config.ts', 'scripts/bundle-report.ts', 'package-lock.json'];

function files(p: string): string[] {
  const abs = path.join(root, p);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [p];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .flatMap((d) => files(path.join(p, d.name)))
    .sort();
}

export function inputsHash(): string {
  const h = crypto.createHash('sha256');
  for (const f of INPUTS.flatMap(files)) h.update(f).update('\0').update(fs.readFileSync(path.join(root, f)));
  return h.digest('hex');
}

export async function ensureWebBuild(log: (m: string) => void = console.log): Promise<boolean> {
  const hash = inputsHash();
  if (fs.existsSync(path.join(outDir, 'index.html')) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === hash) {
    return false;
  }
  log('building the web app (sources changed or no build yet)…');
  const { build } = await import('vite');
  // A production build whatever the caller's NODE_ENV (vitest sets "test", which would bundle React's
  // development build).
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: path.join(root, 'vite.config.ts'), root: path.join(root, 'src/web'), mode: 'production', logLevel: 'warn' });
  } finally {
    if (previous === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = previous;
  }
  fs.writeFileSync(stampFile, hash);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureWebBuild().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
