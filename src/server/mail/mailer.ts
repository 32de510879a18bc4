/**
 * System mail: the messages the app itself sends to people (invitations, password resets), over
 * nodemailer's SMTP transport built from SMTP_URL. No SMTP_URL: no mailer, and the answers and the
 * web app say the links must be shared by hand. (Channel e-mail to contacts is a channel, not this.)
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config';

export interface SystemMail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: SystemMail): Promise<void>;
  /** Waits for mail sent in the background (bounded by the caller), then closes the transport. */
  close(): Promise<void>;
  /** Sends without waiting (answers that must not take longer when an account exists); failures are logged. */
  sendInBackground(mail: () => Promise<SystemMail | null>): void;
}

interface Log {
  warn(obj: unknown, msg?: string): void;
}

const SEND_TIMEOUT_MS = 15_000;

export function createMailer(mail: Config['mail'], log: Log): Mailer | null {
  if (!mail.url) return null;
  const transport: Transporter = nodemailer.createTransport({
    url: mail.url,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  const pending = new Set<Promise<void>>();
  const send = async (m: SystemMail) => {
    await transport.sendMail({ from: mail.from, to: m.to, subject: m.subject, text: m.text });
  };
  return {
    send,
    sendInBackground(build) {
      const p = (async () => {
        const m = await build();
        if (m) await send(m);
      })()
        .catch((err) => log.warn({ err }, 'system mail could not be sent'))
        .finally(() => pending.delete(p));
      pending.add(p);
    },
    async close() {
      await Promise.allSettled([...pending]);
      transport.close();
    },
  };
}
