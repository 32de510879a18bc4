/**
 * The web chat widget (src/widget): one self-contained script, dist/widget/widget.js, served at
 * /widget.js and loaded by the clinics' sites. No framework; an IIFE so it runs from a plain
 * <script async> tag. The build prints its gzip size against the 15 KB budget.
 */
import { defineConfig } from 'vite';
import { widgetSizeReport } from './scripts/bundle-report';

export default defineConfig({
  root: 'src/widget',
  publicDir: false,
  plugins: [widgetSizeReport()],
  build: {
    outDir: '../../dist/widget',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    lib: {
      entry: 'main.ts',
      formats: ['iife'],
      name: 'AesthetixChat',
      fileName: () => 'widget.js',
    },
  },
});
