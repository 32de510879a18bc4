/**
 * The simulated client: texts and calls to practice numbers, and the phone page's answers to
 * ringing calls. Each answers with what happened, including the app's HTTP answers.
 */
import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../context';
import { isE164 } from '../phone-numbers';
import { receiveSms } from '../sms/inbound';
import { simulateInboundCall, type InboundOutcome } from '../voice/inbound';
import { callView, messageView } from '../views';
import { BadRequest, bodyOf, int, str } from './validate';

const OUTCOMES: InboundOutcome[] = ['answered', 'no-answer', 'busy', 'voicemail'];

function parties(ctx: SimContext, from: string | undefined, to: string | undefined) {
  if (!isE164(from)) throw new BadRequest('from must be an E.164 number');
  if (!isE164(to)) throw new BadRequest('to must be an E.164 number');
  const account = ctx.state.ownerOf(to);
  if (!account) throw new BadRequest(`${to} is not a number of any simulated account`);
  return { from, to, account };
}

function mediaOf(value: unknown): { contentType: string; bytes: Buffer }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 10) throw new BadRequest('media must be a list of at most 10 items');
  return value.map((item) => {
    const m = bodyOf(item);
    const contentType = str(m, 'contentType');
    const base64 = str(m, 'base64');
    if (!contentType || !base64) throw new BadRequest('each media item needs contentType and base64');
    return { contentType, bytes: Buffer.from(base64, 'base64') };
  });
}

export function trafficRoutes(app: FastifyInstance, ctx: SimContext): void {
  const { state } = ctx;

  app.post('/_sim/sms', async (req) => {
    const body = bodyOf(req.body);
    const { from, to, account } = parties(ctx, str(body, 'from'), str(body, 'to'));
    const text = str(body, 'body') ?? '';
    const media = mediaOf(body.media);
    if (!text && media.length === 0) throw new BadRequest('body or media is required');
    if (text.length > 1600) throw new BadRequest('body is longer than 1600 characters');
    const retry = int(body, 'retry', 0, 0, 20);
    const concurrent = int(body, 'concurrent', 1, 1, 50);
    const { message, deliveries } = await receiveSms(ctx, account, { from, to, body: text, media, retry, concurrent });
    return {
      messageSid: message.sid,
      status: deliveries[0].status,
      body: deliveries[0].body,
      deliveries: deliveries.map((d) => ({ status: d.status, body: d.body, error: d.error ?? null })),
      message: messageView(state, message),
    };
  });

  app.post('/_sim/calls', async (req) => {
    const body = bodyOf(req.body);
    const { from, to, account } = parties(ctx, str(body, 'from'), str(body, 'to'));
    const outcome = (str(body, 'outcome') ?? 'answered') as InboundOutcome;
    if (!OUTCOMES.includes(outcome)) throw new BadRequest(`outcome must be one of ${OUTCOMES.join(', ')}`);
    const duration = int(body, 'duration', outcome === 'voicemail' ? 20 : 30, 0, 4 * 3600);
    const call = await simulateInboundCall(ctx, account, { from, to, outcome, duration, callerName: str(body, 'callerName') });
    const children = state.calls.filter((c) => c.parentCallSid === call.sid);
    const sids = new Set([call.sid, ...children.map((c) => c.sid)]);
    const requests = state.deliveries.filter((d) => sids.has(d.params.CallSid));
    return {
      callSid: call.sid,
      ...callView(state, call, ctx.simUrl),
      children: children.map((c) => callView(state, c, ctx.simUrl)),
      requests: requests.map((d) => ({ kind: d.kind, method: d.method, url: d.url, params: d.params, status: d.status, body: d.body, error: d.error ?? null })),
    };
  });

  app.post<{ Params: { sid: string; action: string } }>('/_sim/calls/:sid/:action', async (req, reply) => {
    const { sid, action } = req.params;
    if (action === 'answer' || action === 'decline') {
      const ringing = state.rings.get(sid);
      if (!ringing) return reply.code(409).send({ error: 'that call is not ringing' });
      ringing(action === 'answer');
      return { ok: true };
    }
    if (action === 'hangup') {
      const hangup = state.hangups.get(sid) ?? (() => state.rings.get(sid)?.(false));
      hangup();
      return { ok: true };
    }
    return reply.code(404).send({ error: `unknown action ${action}` });
  });
}
