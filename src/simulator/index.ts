/**
 * The provider simulator: a standalone server that plays Twilio's side (REST API, signed webhooks
 * and callbacks, media, calls and recordings) so the inbox can be tested and demoed offline, plus a
 * control API for tests (/_sim/…) and a phone page for people (/).
 */
import type { AddressInfo } from 'node:net';
import type { SimContext } from './context';
import { buildSimulatorApp } from './server';
import { MailStore } from './mail/store';
import { startSmtpSink } from './mail/smtp';
import { SimState } from './state';
import type { SimAccount } from './types';

export type { SimAccount } from './types';
export type { SimMail } from './mail/store';
export { SimState } from './state';
export { twilioSignature, validateTwilioSignature } from './signature';

export interface SimulatorOptions {
  port: number;
  host?: string;
  /** The app's public base URL; webhooks go to `${appUrl}/webhooks/twilio/…`. */
  appUrl: string;
  accounts: SimAccount[];
  logger?: boolean;
  timing?: { statusDelayMs?: number };
  /** The simulator's own URL as the app reaches it, when it differs from the listening address. */
  publicUrl?: string;
  /** The SMTP sink's port (system mail in demo mode); default 0: any free port (see smtpUrl). */
  smtpPort?: number;
  /** Receives background failures (a webhook that could not be built, media that failed, …). */
  onLog?: (message: string, err?: unknown) => void;
}

export interface Simulator {
  url: string;
  /** smtp://… of the mail sink: what SMTP_URL points at in demo mode. */
  smtpUrl: string;
  mail: MailStore;
  close(): Promise<void>;
  addAccount(a: SimAccount): void;
  state: SimState;
}

export async function startSimulator(opts: SimulatorOptions): Promise<Simulator> {
  const controller = new AbortController();
  const state = new SimState(opts.accounts);
  const mail = new MailStore();
  const host = opts.host ?? '127.0.0.1';
  let logError: (message: string, err?: unknown) => void = opts.onLog ?? (() => {});
  const ctx: SimContext = {
    state,
    mail,
    simUrl: '',
    appUrl: opts.appUrl.replace(/\/+$/, ''),
    statusDelayMs: opts.timing?.statusDelayMs ?? 50,
    signal: controller.signal,
    log: (message, err) => logError(message, err),
  };
  const app = await buildSimulatorApp(ctx, opts.logger ?? false);
  if (opts.logger && !opts.onLog) logError = (message, err) => app.log.warn({ err }, message);
  await app.listen({ port: opts.port, host });
  const { port } = app.server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  ctx.simUrl = (opts.publicUrl ?? `http://${urlHost}:${port}`).replace(/\/+$/, '');
  let smtp;
  try {
    smtp = await startSmtpSink(mail, { port: opts.smtpPort ?? 0, host, onLog: ctx.log });
  } catch (err) {
    await app.close();
    throw err;
  }

  let closing: Promise<void> | null = null;
  return {
    url: ctx.simUrl,
    smtpUrl: smtp.url,
    mail,
    state,
    addAccount: (a) => state.addAccount(a),
    close: () => {
      closing ??= (async () => {
        controller.abort();
        await Promise.all([app.close(), smtp.close()]);
      })();
      return closing;
    },
  };
}
