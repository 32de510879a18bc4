/** Read-outs for tests and the phone page: messages, calls, webhooks sent, media; reset; config. */
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context';
import { numberFromQuery } from '../phone-numbers';
import { callView, messageView } from '../views';

/** Demo clients offered by the phone page (555-01xx numbers are reserved for fiction). */
export const DEMO_CLIENTS = [
  { name: 'Olivia Bennett', number: '+14155550142' },
  { name: 'Marcus Reed', number: '+13105550187' },
  { name: 'Sofia Alvarez', number: '+12125550199' },
  { name: 'Unreachable phone (texts fail, 30003)', number: '+16175550003' },
];

type Query = { number?: string; kind?: string; sid?: string };

export function inspectRoutes(app: FastifyInstance, ctx: SimContext): void {
  const { state } = ctx;

  app.get<{ Querystring: Query }>('/_sim/messages', async (req) => {
    const number = numberFromQuery(req.query.number);
    const list = number ? state.messagesOf(number) : state.messages;
    return list.map((m) => messageView(state, m));
  });

  app.get<{ Querystring: Query }>('/_sim/calls', async (req) => {
    const number = numberFromQuery(req.query.number);
    const list = number ? state.callsOf(number) : state.calls;
    return list.map((c) => callView(state, c, ctx.simUrl));
  });

  /** Every request made to the app, with its answer; ?kind=sms|message-status|voice|… ?sid=any parameter value. */
  app.get<{ Querystring: Query }>('/_sim/webhooks', async (req) => {
    const { kind, sid } = req.query;
    return state.deliveries
      .filter((d) => (!kind || d.kind === kind) && (!sid || Object.values(d.params).includes(sid)))
      .map((d) => ({ ...d, at: d.at.toISOString() }));
  });

  // The bytes behind a media sid, for the phone page (Twilio's own URL needs basic auth).
  app.get<{ Params: { sid: string } }>('/_sim/media/:sid', async (req, reply) => {
    const media = state.media.get(req.params.sid);
    if (!media) return reply.code(404).send({ error: 'no such media' });
    return reply.type(media.contentType).header('cache-control', 'private, max-age=3600').send(media.bytes);
  });

  app.post('/_sim/reset', async () => {
    state.reset();
    ctx.mail.clear();
    return { ok: true };
  });

  // The app's address when it was not known at start (the app on PORT=0): webhooks go there from now on.
  app.put<{ Body: { appUrl?: string } }>('/_sim/app-url', async (req, reply) => {
    const url = req.body?.appUrl;
    if (typeof url !== 'string' || !/^https?:\/\/[^\s]+$/.test(url)) return reply.status(400).send({ error: 'appUrl must be an http(s) URL' });
    ctx.appUrl = url.replace(/\/+$/, '');
    return { appUrl: ctx.appUrl };
  });

  app.get('/_sim/config', async () => ({
    appUrl: ctx.appUrl,
    practices: [...state.accounts.values()].flatMap((a) => a.numbers.map((number) => ({ number, accountSid: a.sid }))),
    clients: DEMO_CLIENTS,
  }));
}
