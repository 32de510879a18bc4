/** The pages people see: the phone (/) and the pretend clinic website (/demo-site). */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context';
import { DEMO_CLIENTS } from '../control/inspect';
import { demoSiteHtml } from './demo-site';

const read = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** One self-contained document: the CSS and scripts are inlined, nothing else is loaded. */
function phoneHtml(ctx: SimContext): string {
  const config = {
    appUrl: ctx.appUrl,
    practices: [...ctx.state.accounts.values()].flatMap((a) => a.numbers.map((number) => ({ number, accountSid: a.sid }))),
    clients: DEMO_CLIENTS,
  };
  const script = `(() => {\n'use strict';\n${read('phone.js')}\n${read('phone-calls.js')}\n})();`;
  return read('phone.html')
    .replace('/*STYLE*/', () => read('phone.css'))
    .replace('/*CONFIG*/', () => JSON.stringify(config).replace(/</g, '\\u003c'))
    .replace('/*SCRIPT*/', () => script.replace(/<\/script/gi, '<\\/script'));
}

export function pageRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(phoneHtml(ctx)));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get<{ Querystring: { location?: string } }>('/demo-site', async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(demoSiteHtml(ctx.appUrl, req.query.location?.trim() || undefined)),
  );
}
