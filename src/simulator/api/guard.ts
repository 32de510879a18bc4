/**
 * What stands in front of every Twilio REST call, in order: injected network drops, injected
 * faults (an outage answers before authentication, as a real one would), then HTTP basic auth.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newSid } from '../ids';
import type { SimState } from '../state';
import type { SimAccount } from '../types';
import { errors, faultError } from '../twilio-errors';

const ACCOUNT_PATH = /^\/2010-04-01\/Accounts\/([^/?#]+)(?:\/([A-Za-z]+))?/;

/** `Messages`, `Calls`, `Recordings`, … (the segment after the account), or '' for the account itself. */
export function resourceOf(url: string): string {
  return ACCOUNT_PATH.exec(url)?.[2] ?? '';
}

function take<T extends { remaining: number; path?: string }>(rules: T[], resource: string): T | undefined {
  const rule = rules.find((r) => r.remaining > 0 && (!r.path || r.path === resource));
  if (!rule) return undefined;
  rule.remaining -= 1;
  return rule;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The account the request authenticates as, when it matches the account in the path. */
export function authenticate(state: SimState, req: FastifyRequest): SimAccount | null {
  const header = req.headers.authorization;
  if (!header || !/^basic /i.test(header)) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const account = state.accounts.get(decoded.slice(0, colon));
  if (!account || !sameText(account.token, decoded.slice(colon + 1))) return null;
  const pathSid = ACCOUNT_PATH.exec(req.url)?.[1];
  return pathSid === account.sid ? account : null;
}

export function sendAuthError(reply: FastifyReply): FastifyReply {
  return reply.code(401).header('www-authenticate', 'Basic realm="Twilio API"').send(errors.authenticate());
}

/** Registers the guard on an encapsulated scope that holds the /2010-04-01 routes. */
export function registerGuard(api: FastifyInstance, state: SimState): void {
  api.addHook('onRequest', async (req, reply) => {
    const resource = resourceOf(req.url);
    if (take(state.drops, resource)) {
      // A network failure: no status line at all.
      reply.hijack();
      req.raw.socket.destroy();
      return reply;
    }
    const fault = take(state.faults, resource);
    if (fault) return reply.code(fault.status).send(faultError(fault.status));
    if (!authenticate(state, req)) return sendAuthError(reply);
  });
  api.addHook('onSend', async (_req, reply) => {
    reply.header('twilio-request-id', newSid('RQ'));
  });
  api.setNotFoundHandler((req, reply) => {
    reply.code(404).send(errors.notFound(req.url.split('?')[0]));
  });
}

/** Form fields of an API request. Twilio reads form bodies only; anything else counts as empty. */
export function formOf(req: FastifyRequest): Record<string, string | string[]> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
  return (req.body ?? {}) as Record<string, string | string[]>;
}

export function one(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

export function many(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
