/** Reads the CLI's environment: SIM_PORT, SIM_SMTP_PORT, SIM_HOST, SIM_APP_URL, SIM_PUBLIC_URL, SIM_ACCOUNTS. */
import { isE164 } from './phone-numbers';
import type { SimulatorOptions } from './index';
import type { SimAccount } from './types';

/** `ACsid:token:+15551230000,+15551230001;ACsid2:token2:+1…` */
export function parseAccounts(spec: string): SimAccount[] {
  return spec
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const [sid, token, numbers = ''] = entry.split(':');
      if (!/^AC\w+$/.test(sid ?? '')) {
        throw new Error(`SIM_ACCOUNTS: "${sid}" is not an account sid (AC…)`);
      }
      if (!token) throw new Error(`SIM_ACCOUNTS: account ${sid} has no auth token`);
      const list = numbers.split(',').map((n) => n.trim()).filter(Boolean);
      for (const n of list) if (!isE164(n)) throw new Error(`SIM_ACCOUNTS: "${n}" is not an E.164 number`);
      return { sid, token, numbers: list };
    });
}

/** A fixed demo account, so `npm run simulator` works with no configuration. */
export const DEFAULT_ACCOUNTS = 'AC00000000000000000000000000000001:simulator-demo-token:+14155550100,+14155550101';

export function optionsFromEnv(env: NodeJS.ProcessEnv): SimulatorOptions {
  const port = Number(env.SIM_PORT || 3030);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`SIM_PORT: "${env.SIM_PORT}" is not a port`);
  const smtpPort = Number(env.SIM_SMTP_PORT || 2525);
  if (!Number.isInteger(smtpPort) || smtpPort < 0 || smtpPort > 65535) throw new Error(`SIM_SMTP_PORT: "${env.SIM_SMTP_PORT}" is not a port`);
  return {
    port,
    smtpPort,
    host: env.SIM_HOST || '0.0.0.0',
    appUrl: env.SIM_APP_URL || 'http://localhost:3000',
    publicUrl: env.SIM_PUBLIC_URL || undefined,
    accounts: parseAccounts(env.SIM_ACCOUNTS || DEFAULT_ACCOUNTS),
  };
}
