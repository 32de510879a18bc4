/** Starts a fake app and the simulator pointed at it, with a small Twilio REST client. */
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { startFakeApp, type FakeApp } from './fake-app';

export const ACCOUNT = { sid: 'AC11111111111111111111111111111111', token: 'secret-token-1', numbers: ['+15551230000', '+15551230001'] };
export const OTHER = { sid: 'AC22222222222222222222222222222222', token: 'secret-token-2', numbers: ['+15551240000'] };
export const CLIENT = '+14155550142';

export interface Harness {
  sim: Simulator;
  app: FakeApp;
  basic(sid?: string, token?: string): string;
  /** POST a form to the REST API as ACCOUNT (or with the given Authorization header; null: none). */
  api(resource: string, form: Record<string, string | string[]>, auth?: string | null): Promise<Response>;
  control(path: string, body?: unknown, method?: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const app = await startFakeApp({ [ACCOUNT.sid]: ACCOUNT.token, [OTHER.sid]: OTHER.token });
  const sim = await startSimulator({ port: 0, appUrl: app.url, accounts: [ACCOUNT, OTHER], timing: { statusDelayMs: 5 } });
  const basic = (sid = ACCOUNT.sid, token = ACCOUNT.token) => `Basic ${Buffer.from(`${sid}:${token}`).toString('base64')}`;
  return {
    sim,
    app,
    basic,
    api(resource, form, auth) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      const authorization = auth === undefined ? basic() : auth;
      if (authorization) headers.authorization = authorization;
      return fetch(`${sim.url}/2010-04-01/Accounts/${ACCOUNT.sid}/${resource}`, { method: 'POST', headers, body });
    },
    control(path, body, method = body === undefined ? 'GET' : 'POST') {
      return fetch(`${sim.url}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    },
    async close() {
      await sim.close();
      await app.close();
    },
  };
}
