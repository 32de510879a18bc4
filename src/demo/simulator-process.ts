/**
 * The provider simulator as its own OS process (`src/simulator/main.ts`): started with the demo
 * clinics' accounts, it prints one SIMULATOR_READY line with the URLs it really got; everything
 * else it prints goes to this process's log. The app talks to it over HTTP only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { portError } from '../server/ports';

export interface SimulatorProcess {
  url: string;
  smtpUrl: string;
  /** Where its webhooks go (the app's public URL, once known for PORT=0). */
  setAppUrl(url: string): Promise<void>;
  close(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

export async function startSimulatorProcess(opts: {
  port: number;
  smtpPort: number;
  appUrl: string;
  accounts: string;
  log: (line: string) => void;
}): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/simulator/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      SIM_PORT: String(opts.port),
      SIM_SMTP_PORT: String(opts.smtpPort),
      SIM_HOST: '127.0.0.1',
      SIM_APP_URL: opts.appUrl,
      SIM_ACCOUNTS: opts.accounts,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; smtpUrl: string }>((resolve, reject) => {
    let tail = '';
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const m = line.match(/^SIMULATOR_READY (.*)$/);
      if (m) resolve(JSON.parse(m[1]));
      else opts.log(line);
    });
    readline.createInterface({ input: child.stderr! }).on('line', (line) => {
      tail = `${tail}\n${line}`.slice(-4000);
      opts.log(line);
    });
    void exited.then((code) => {
      if (/EADDRINUSE/.test(tail)) reject(portError({ code: 'EADDRINUSE' }, opts.port, 'SIMULATOR_PORT'));
      else reject(new Error(`The provider simulator exited (code ${code}) before it was ready:${tail}`));
    });
  });
  const { url, smtpUrl } = await ready;
  return {
    url,
    smtpUrl,
    async setAppUrl(appUrl) {
      const r = await fetch(`${url}/_sim/app-url`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ appUrl }) });
      if (!r.ok) throw new Error(`The simulator refused the app's URL: ${r.status}`);
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
