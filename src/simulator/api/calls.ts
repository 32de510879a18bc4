/** The Calls resource: create (place a call), fetch, and update (hang up / cancel). */
import type { FastifyInstance } from 'fastify';
import { background, type SimContext } from '../context';
import { isE164 } from '../phone-numbers';
import { errors } from '../twilio-errors';
import { newCall, parseEvents } from '../voice/legs';
import { runOutboundCall } from '../voice/outbound';
import { callResource } from '../views';
import { formOf, many, one } from './guard';

type Params = { accountSid: string; callSid: string };

function httpUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

const methodOf = (v: string | undefined): 'GET' | 'POST' => (v?.toUpperCase() === 'GET' ? 'GET' : 'POST');

export function callRoutes(api: FastifyInstance, ctx: SimContext): void {
  const { state } = ctx;

  api.post<{ Params: Params }>('/Accounts/:accountSid/Calls.json', async (req, reply) => {
    const account = state.accounts.get(req.params.accountSid)!;
    const form = formOf(req);
    const to = one(form.To)?.trim();
    const from = one(form.From)?.trim();
    const url = one(form.Url) || null;
    const twiml = one(form.Twiml) || null;
    const statusCallback = one(form.StatusCallback) || null;
    const recordingStatusCallback = one(form.RecordingStatusCallback) || null;

    const fail = (e: { status: number }) => reply.code(e.status).send(e);
    if (!to) return fail(errors.callToRequired());
    if (!from) return fail(errors.callFromRequired());
    if (!url && !twiml) return fail(errors.callUrlRequired());
    if (url && !httpUrl(url)) return fail(errors.callInvalidUrl(url));
    if (!isE164(to)) return fail(errors.invalidTo(to));
    if (!account.numbers.includes(from)) return fail(errors.callFromNotOwned(from));
    if (statusCallback && !httpUrl(statusCallback)) return fail(errors.invalidStatusCallback());

    const call = newCall({
      accountSid: account.sid,
      direction: 'outbound-api',
      from,
      to,
      statusCallback,
      statusCallbackMethod: methodOf(one(form.StatusCallbackMethod)),
      statusEvents: statusCallback ? parseEvents(many(form.StatusCallbackEvent)) : [],
    });
    state.addCall(call);
    const timeout = Math.min(600, Math.max(1, Number(one(form.Timeout) ?? 60) || 60));
    background(ctx, `call ${call.sid}`, () =>
      runOutboundCall(ctx, account, call, {
        url,
        method: methodOf(one(form.Method)),
        twiml,
        timeout,
        record: one(form.Record)?.toLowerCase() === 'true',
        recordingChannels: one(form.RecordingChannels) === 'dual' ? 2 : 1,
        recordingStatusCallback,
        recordingStatusCallbackMethod: methodOf(one(form.RecordingStatusCallbackMethod)),
        recordingStatusCallbackEvent: many(form.RecordingStatusCallbackEvent).join(' ') || undefined,
      }),
    );
    return reply.code(201).send(callResource(call));
  });

  const find = (p: Params) => {
    const call = p.callSid.endsWith('.json') ? state.call(p.callSid.slice(0, -5)) : undefined;
    return call && call.accountSid === p.accountSid ? call : undefined;
  };

  api.get<{ Params: Params }>('/Accounts/:accountSid/Calls/:callSid', async (req, reply) => {
    const call = find(req.params);
    return call ? callResource(call) : reply.code(404).send(errors.notFound(req.url.split('?')[0]));
  });

  // Status=canceled stops a ringing call, Status=completed ends one in progress (on a phone page).
  api.post<{ Params: Params }>('/Accounts/:accountSid/Calls/:callSid', async (req, reply) => {
    const call = find(req.params);
    if (!call) return reply.code(404).send(errors.notFound(req.url.split('?')[0]));
    const status = one(formOf(req).Status);
    if (status === 'canceled' || status === 'completed') {
      state.rings.get(call.sid)?.('cancel');
      if (status === 'completed') state.hangups.get(call.sid)?.();
    }
    return callResource(call);
  });
}
