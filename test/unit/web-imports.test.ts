/**
 * The web app (and the chat widget) must not pull zod into its bundle: it may import only types from the schema modules
 * of src/shared, and values from the plain modules (send-rules, mentions, dnd, password-policy, …).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const WEB = path.resolve(import.meta.dirname, '../../src/web');
const WIDGET = path.resolve(import.meta.dirname, '../../src/widget');
const PLAIN = new Set(['send-rules', 'mentions', 'dnd', 'sms', 'activity', 'merge-fields', 'password-policy', 'channel-catalog', 'attachment-types', 'message-payloads']);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? files(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

describe('web imports from src/shared', () => {
  it('are type-only for schema modules', () => {
    const offenders: string[] = [];
    for (const f of [...files(WEB), ...files(WIDGET)]) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'#shared\/([\w-]+)';/gms)) {
        if (!m[1] && !PLAIN.has(m[2])) offenders.push(`${path.relative(WEB, f)}: ${m[0].split('\n')[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('plain modules do not import zod', () => {
    for (const name of PLAIN) {
      const src = fs.readFileSync(path.resolve(WEB, `../shared/${name}.ts`), 'utf8');
      expect(src, name).not.toMatch(/from 'zod'|from '\.\/(common|contacts|messages|conversations|auth|team|errors|events)'(?<!import type.*)/);
    }
  });
});
