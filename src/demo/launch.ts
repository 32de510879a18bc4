/**
 * The server with, in demo mode, the provider simulator beside it: the simulator is started first
 * (its own process, on SIMULATOR_PORT), the providers' base URLs and system mail are pointed at it
 * (unless set), the server starts, and the demo clinics' channels are connected to it through the
 * app's own code (as an admin would). Used by `npm start` (main.ts) and by tests of the demo.
 */
import { loadConfig, type Config } from '../server/config';
import { ensureDemoChannels, DEMO_TWILIO } from '../server/demo/channels';
import { startServer, type RunningServer } from '../server/main';
import { assertPortFree } from '../server/ports';
import { simulatorConfig } from './config';
import { startSimulatorProcess, type SimulatorProcess } from './simulator-process';

export interface Launched {
  server: RunningServer;
  config: Config;
  simulator: SimulatorProcess | null;
  close(): Promise<void>;
}

export async function launch(env: NodeJS.ProcessEnv, opts: { logger?: boolean; log?: (line: string) => void } = {}): Promise<Launched> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const first = loadConfig(env);
  const sim = simulatorConfig(env, first);
  let simulator: SimulatorProcess | null = null;
  let serverEnv = env;
  if (sim.enabled) {
    await assertPortFree(first.port, first.host, 'PORT'); // before the simulator takes seconds to start
    await assertPortFree(sim.port, '127.0.0.1', 'SIMULATOR_PORT');
    await assertPortFree(sim.smtpPort, '127.0.0.1', 'SIMULATOR_SMTP_PORT');
    simulator = await startSimulatorProcess({
      port: sim.port,
      smtpPort: sim.smtpPort,
      appUrl: first.publicUrl,
      accounts: DEMO_TWILIO.map((d) => `${d.accountSid}:${d.authToken}:${d.number}`).join(';'),
      log: (line) => log(`[simulator] ${line}`),
    });
    // Every provider the app calls, and system mail, go to the simulator unless set explicitly.
    const onSimulator = (k: string, v: string) => (env[k] ? {} : { [k]: v });
    serverEnv = {
      ...env,
      ...onSimulator('TWILIO_API_BASE_URL', simulator.url),
      ...onSimulator('META_GRAPH_BASE_URL', simulator.url),
      ...onSimulator('WHATSAPP_GRAPH_BASE_URL', simulator.url),
      ...onSimulator('GOOGLE_BUSINESS_BASE_URL', simulator.url),
      ...onSimulator('SMTP_URL', simulator.smtpUrl),
    };
  }
  const config = loadConfig(serverEnv);
  let server: RunningServer;
  try {
    server = await startServer(config, { logger: opts.logger });
  } catch (err) {
    await simulator?.close();
    throw err;
  }
  if (simulator) {
    // PORT=0: the app's address is known only now.
    if (!config.publicUrlExplicit) await simulator.setAppUrl(config.publicUrl);
    if (config.seedDemo) await ensureDemoChannels(server.deps);
    server.app.log.info(`provider simulator (client phone, demo site, mailbox at /mail) at ${simulator.url}`);
  }
  return {
    server,
    config,
    simulator,
    close: async () => {
      await server.close();
      await simulator?.close();
    },
  };
}
