/**
 * A minimal SMTP sink (smtp-server): accepts every mail, any or no login, no TLS, and keeps it in a
 * MailStore parsed by mailparser. The app's system mail goes here in demo mode.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { MailStore } from './store';

export interface SmtpSink {
  port: number;
  /** smtp://host:port, for SMTP_URL. */
  url: string;
  close(): Promise<void>;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((o) => o.value.map((v) => v.address ?? '').filter(Boolean));

export async function startSmtpSink(store: MailStore, opts: { port: number; host: string; onLog(message: string, err?: unknown): void }): Promise<SmtpSink> {
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    banner: 'Aesthetix provider simulator',
    size: 10 * 1024 * 1024,
    onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anyone' }),
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          store.add({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            from: addresses(parsed.from)[0] ?? '',
            to: addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
          });
          callback();
        })
        .catch((err: Error) => {
          opts.onLog('simulator: a mail could not be read', err);
          callback(err);
        });
    },
  });
  server.on('error', (err) => opts.onLog('simulator: SMTP sink error', err));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const urlHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  return {
    port,
    url: `smtp://${urlHost}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
