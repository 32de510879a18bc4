/** The mails the simulator's SMTP sink received, in memory, newest last. */
import { EventEmitter } from 'node:events';

export interface SimMail {
  id: string;
  receivedAt: Date;
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string | null; to: string[] };
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
}

const MAX_MAILS = 1000;

export class MailStore {
  readonly mails: SimMail[] = [];
  /** 'mail' with each mail received. */
  readonly events = new EventEmitter();
  private seq = 0;

  add(mail: Omit<SimMail, 'id' | 'receivedAt'>): SimMail {
    const m: SimMail = { id: `MAIL${String(++this.seq).padStart(6, '0')}`, receivedAt: new Date(), ...mail };
    this.mails.push(m);
    if (this.mails.length > MAX_MAILS) this.mails.splice(0, this.mails.length - MAX_MAILS);
    this.events.emit('mail', m);
    return m;
  }

  /** Mails one of whose recipients (header or envelope) is `to`, case-insensitively. */
  to(address: string): SimMail[] {
    const a = address.trim().toLowerCase();
    return this.mails.filter((m) => [...m.to, ...m.envelope.to].some((t) => t.toLowerCase() === a));
  }

  clear(): void {
    this.mails.length = 0;
  }
}
