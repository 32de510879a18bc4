/**
 * GET /_sim/events?number=+1… — Server-Sent Events: `message`, `call`, `ring`, `ring-end`.
 * A stream opened with ?number= marks that number's phone page as open, so calls to it ring there.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { SimContext } from '../context';
import { numberFromQuery } from '../phone-numbers';
import type { SimCall, SimMessage } from '../types';
import { callView, messageView } from '../views';

const PING_MS = 15_000;

export function eventRoutes(app: FastifyInstance, ctx: SimContext): void {
  const { state } = ctx;
  const streams = new Set<ServerResponse>();

  app.get<{ Querystring: { number?: string } }>('/_sim/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const listeners: Array<[string, (payload: unknown) => void]> = [
      ['message', (m) => send('message', messageView(state, m as SimMessage))],
      ['call', (c) => send('call', callView(state, c as SimCall, ctx.simUrl))],
      ['ring', (r) => send('ring', r)],
      ['ring-end', (r) => send('ring-end', r)],
    ];
    for (const [name, fn] of listeners) state.events.on(name, fn);
    const number = numberFromQuery(req.query.number);
    if (number) state.phones.set(number, (state.phones.get(number) ?? 0) + 1);
    const ping = setInterval(() => res.write(': ping\n\n'), PING_MS);
    streams.add(res);
    res.on('close', () => {
      clearInterval(ping);
      streams.delete(res);
      for (const [name, fn] of listeners) state.events.off(name, fn);
      if (number) {
        const left = (state.phones.get(number) ?? 1) - 1;
        if (left > 0) state.phones.set(number, left);
        else state.phones.delete(number);
      }
    });
  });

  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });
}
