import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { bundleReport } from './scripts/bundle-report';

const apiPort = Number(process.env.API_PORT ?? 3001);

export default defineConfig({
  root: 'src/web',
  plugins: [react(), bundleReport()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    port: Number(process.env.PORT ?? 3000),
    // The API and its WebSocket live on the Fastify server (npm run dev starts both).
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, ws: true },
      '/healthz': `http://127.0.0.1:${apiPort}`,
      // The chat widget's script, API and socket (built by `vite build --watch` in npm run dev).
      '/widget': { target: `http://127.0.0.1:${apiPort}`, ws: true },
    },
  },
});
