/**
 * A stand-in for the inbox in the simulator's tests: records every request the simulator makes,
 * checks its X-Twilio-Signature with the account's token, and answers as each test tells it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { validateTwilioSignature } from '../../src/simulator/signature';

export interface Received {
  method: string;
  path: string;
  /** The full URL as the simulator addressed it (what it signed). */
  url: string;
  params: Record<string, string>;
  headers: IncomingMessage['headers'];
  signatureValid: boolean;
}

export interface Answer {
  status?: number;
  type?: string;
  body?: string | Buffer;
}

export type Responder = (r: Received) => Answer | Promise<Answer>;

export interface FakeApp {
  url: string;
  received: Received[];
  /** Answers for a path (without query); default: 200 `<Response/>`. */
  on(path: string, responder: Responder | Answer): void;
  of(path: string): Received[];
  waitFor(pred: (all: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A 1×1 transparent PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function startFakeApp(tokens: Record<string, string>): Promise<FakeApp> {
  const received: Received[] = [];
  const responders = new Map<string, Responder | Answer>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const url = `${base}${req.url}`;
      const path = (req.url ?? '/').split('?')[0];
      const form = req.method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : null;
      const query = new URL(url).searchParams;
      const params = Object.fromEntries(form ?? query);
      const token = tokens[params.AccountSid ?? ''] ?? '';
      const signature = req.headers['x-twilio-signature'] as string | undefined;
      const record: Received = {
        method: req.method ?? 'GET',
        path,
        url,
        params,
        headers: req.headers,
        // POST: URL + form parameters; GET: the URL alone.
        signatureValid: validateTwilioSignature(token, url, form ?? {}, signature),
      };
      received.push(record);
      const responder = responders.get(path);
      const answer: Answer =
        typeof responder === 'function' ? await responder(record) : (responder ?? { body: '<Response/>' });
      res.writeHead(answer.status ?? 200, { 'content-type': answer.type ?? 'text/xml' });
      res.end(answer.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    received,
    on: (path, responder) => void responders.set(path, responder),
    of: (path) => received.filter((r) => r.path === path),
    async waitFor(pred, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (!pred(received)) {
        if (Date.now() > until) throw new Error(`timed out; received: ${received.map((r) => r.path).join(', ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
