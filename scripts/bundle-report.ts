/**
 * Vite plugins that report sizes. bundleReport: after a build, prints the gzip size of the
 * JavaScript a first visit downloads (the entry chunk and everything it imports statically)
 * against the 250 KB budget, and writes it to dist/web/bundle-report.json for the benchmarks.
 * widgetSizeReport: the chat widget's one file against its 15 KB budget.
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

export function bundleReport(): Plugin {
  return {
    name: 'aesthetix-bundle-report',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byName = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.type === 'chunk' && c.isEntry);
      if (!entry || entry.type !== 'chunk') return;
      const initial = new Set<string>();
      const visit = (file: string) => {
        if (initial.has(file)) return;
        initial.add(file);
        const c = byName.get(file);
        if (c?.type === 'chunk') c.imports.forEach(visit);
      };
      visit(entry.fileName);
      let raw = 0;
      let gzip = 0;
      for (const file of initial) {
        const c = byName.get(file);
        if (c?.type !== 'chunk') continue;
        raw += Buffer.byteLength(c.code);
        gzip += gzipSync(c.code, { level: 9 }).length;
      }
      const lazy = chunks.filter((c) => !initial.has(c.fileName)).length;
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const verdict = gzip <= INITIAL_JS_BUDGET_BYTES ? 'within' : 'OVER';
      this.info(`initial JavaScript: ${kb(gzip)} gzip (${kb(raw)} raw, ${initial.size} files; ${lazy} lazy chunks) — ${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} budget`);
      console.log(`\n  initial JavaScript: ${kb(gzip)} gzip (${kb(raw)} raw) — ${verdict} the ${kb(INITIAL_JS_BUDGET_BYTES)} budget\n`);
      this.emitFile({
        type: 'asset',
        fileName: 'bundle-report.json',
        source: JSON.stringify({ initialFiles: [...initial], initialRawBytes: raw, initialGzipBytes: gzip, lazyChunks: lazy }, null, 2),
      });
    },
  };
}

export const WIDGET_BUDGET_BYTES = 15 * 1024;

/** The chat widget is one file that every page of a clinic's site loads: its gzip size against 15 KB. */
export function widgetSizeReport(): Plugin {
  return {
    name: 'aesthetix-widget-size',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const c of Object.values(bundle)) {
        if (c.type !== 'chunk') continue;
        const gzip = gzipSync(c.code, { level: 9 }).length;
        const verdict = gzip <= WIDGET_BUDGET_BYTES ? 'within' : 'OVER';
        console.log(`\n  chat widget ${c.fileName}: ${(gzip / 1024).toFixed(1)} KB gzip — ${verdict} the 15 KB budget\n`);
      }
    },
  };
}
