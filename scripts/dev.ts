/**
 * `npm run dev`: the API server (restarting on change) on API_PORT, Vite with hot reload on PORT,
 * and the chat widget rebuilt on change (dist/widget, served by the API at /widget.js).
 */
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const apiPort = process.env.API_PORT ?? '3001';
const env = { ...process.env, API_PORT: apiPort };
const children = [
  spawn(process.execPath, ['--import', 'tsx', '--watch', 'src/server/main.ts'], {
    stdio: 'inherit',
    env: { ...env, PORT: apiPort, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` },
  }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js'], { stdio: 'inherit', env: { ...env, PORT: port } }),
  spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--watch', '--config', 'vite.widget.config.ts'], { stdio: 'inherit', env }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => (code ? process.exit(code) : undefined));
