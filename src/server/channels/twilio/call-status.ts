/**
 * /webhooks/twilio/voice-status: call-progress callbacks. They come for the call that reached us
 * (the item's CallSid: the inbound call, or the click-to-call API call) and for the <Dial> leg to
 * the other party (ParentCallSid = the item's CallSid). Our statuses:
 *  - ringing, queued, initiated: 'queued' (the item is created so);
 *  - the dialled leg answered: 'answered'; it completed: 'completed' (someone talked);
 *  - the call that reached us completed: 'completed' when a leg was answered, else a missed call
 *    ('no-answer'); busy, no-answer, failed, canceled as such; meta.duration = CallDuration.
 *    Its 'in-progress' says nothing about a person (Twilio itself answers an inbound call to run
 *    our TwiML; an API call is in progress when the user's phone answered), so it changes nothing.
 * Statuses never move backwards (call-item.ts); a callback for a click-to-call whose item is not
 * stored yet waits in provider_status_inbox.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageStatus } from '#shared/messages';
import { withTx, type Tx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { findCall, updateCall, type CallChange, type CallRow } from './call-item';
import { holdStatus, lockProviderId, takeHeldStatuses } from '../status-inbox';
import { authenticateVoice, callSid, isCallSid } from './voice-auth';
import { first } from './webhook-auth';

const KNOWN = new Set(['queued', 'initiated', 'ringing', 'in-progress', 'answered', 'completed', 'busy', 'no-answer', 'failed', 'canceled']);
const ENDED = new Set(['busy', 'no-answer', 'failed', 'canceled']);

/** The dialled leg (forwarding number, or the contact on click to call). */
function legChange(status: string, seconds: number | null): CallChange {
  if (status === 'in-progress' || status === 'answered') return { status: 'answered' };
  if (status === 'completed') return { status: 'completed', meta: seconds !== null ? { talkDuration: seconds } : {} };
  if (ENDED.has(status)) return { status: status as MessageStatus };
  return {};
}

/** The call that reached us; `current` is the item's status now. */
function callChange(status: string, seconds: number | null, current: MessageStatus): CallChange {
  const meta = seconds !== null ? { duration: seconds } : {};
  if (status === 'completed') {
    return { status: current === 'answered' ? 'completed' : current === 'queued' ? 'no-answer' : undefined, meta };
  }
  if (ENDED.has(status)) return { status: status as MessageStatus, meta };
  return {};
}

export async function handleVoiceStatus(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params } = await authenticateVoice(req, deps);
  const sid = callSid(params);
  const parent = first(params.ParentCallSid);
  const leg = isCallSid(parent);
  const status = (first(params.CallStatus) ?? '').toLowerCase();
  if (!KNOWN.has(status)) throw new AppError(400, 'malformed_webhook', 'CallStatus is missing or unknown.');
  const raw = first(params.CallDuration);
  const seconds = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : null;
  const key = leg ? parent : sid;

  await withTx(deps.pool, async (tx) => {
    await lockProviderId(tx, 'twilio', key);
    const call = await findCall(tx, channel.locationId, key);
    if (!call) {
      // Click to call: Twilio may call back before the item (stored once the API answered) exists.
      const early = leg ? undefined : callChange(status, seconds, 'queued').status;
      if (early) await holdStatus(tx, { locationId: channel.locationId, provider: 'twilio', providerId: key, status: early });
      return;
    }
    await updateCall(tx, channel.locationId, call, leg ? legChange(status, seconds) : callChange(status, seconds, call.status));
  });
  return reply.status(204).send();
}

/** Statuses that arrived before the click-to-call item was stored, applied to it now. */
export async function applyHeldCallStatuses(tx: Tx, locationId: string, sid: string, call: CallRow): Promise<void> {
  for (const row of await takeHeldStatuses(tx, locationId, 'twilio', sid)) await updateCall(tx, locationId, call, { status: row.status });
}
