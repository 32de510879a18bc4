/**
 * `npm start`: the server — on the zero-setup defaults (embedded database with demo data, not
 * production) with the provider simulator as its own process beside it (launch.ts). The server
 * itself (src/server/main.ts) never imports the simulator.
 */
import { StartupError } from '../server/ports';
import { launch } from './launch';

try {
  const running = await launch(process.env);
  let signals = 0;
  const shutdown = (signal: string) => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means now
    running.server.app.log.info(`${signal} received; shutting down`);
    running.close().then(
      () => process.exit(0),
      (err) => {
        running.server.app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
} catch (err) {
  // A configuration or port problem is one plain line; anything else is a bug, with its stack.
  console.error(err instanceof StartupError || (err instanceof Error && err.message.startsWith('Invalid configuration')) ? err.message : err);
  process.exit(1);
}
