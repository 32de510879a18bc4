/**
 * Calls reaching the practice's number, and the TwiML steps after them:
 *  - /voice: the caller's contact (found or created by phone) gets one TYPE_CALL item per CallSid
 *    (a retried webhook stores nothing more); the call rings the channel's forwarding number with
 *    recording on, or goes straight to voicemail when there is none; DND callers are turned away
 *    politely and the call is logged as canceled (meta.rejected = 'dnd').
 *  - /voice-dial: the <Dial> action (DialCallStatus) — nobody answered: take a voicemail; else hang up.
 *  - /voice-connect: click to call, once the user's phone answered — connect the contact.
 * TwiML is answered only after the transaction committed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Contact } from '#shared/contacts';
import type { MessageStatus } from '#shared/messages';
import { withTx } from '../../db/tx';
import type { Deps } from '../../http/types';
import type { Queryable } from '../../db/pool';
import type { TwilioChannel } from './connection';
import { findCall, refreshConversation, updateCall } from './call-item';
import { findOrCreateContacts } from '../../contacts/identities';
import type { FormParams } from './signature';
import { lockProviderId } from '../status-inbox';
import { connectTwiml, dndRejectTwiml, forwardTwiml, HANGUP, sayAndHangup, voicemailTwiml } from './twiml';
import { authenticateVoice, callSid } from './voice-auth';
import { authenticateTwilio, first } from './webhook-auth';

const E164 = /^\+[1-9]\d{6,14}$/;

/** Inbound DND, global DND or Call DND: the contact is not to be put through. */
export const callDnd = (c: Pick<Contact, 'dnd' | 'inboundDnd' | 'dndSettings'>, inbound: boolean) =>
  (inbound && c.inboundDnd) || c.dnd || ['active', 'permanent'].includes(c.dndSettings.Call?.status);

const practiceName = async (db: Queryable, locationId: string) =>
  ((await db.query('SELECT name FROM locations WHERE id = $1', [locationId])).rows[0]?.name as string | undefined) ?? 'us';

const xml = (reply: FastifyReply, body: string) => reply.type('text/xml').send(body);

export async function handleInboundCall(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const body = (req.body ?? {}) as FormParams;
  const { channel, params } = await authenticateTwilio(req, deps, first(body.To) || !first(body.Called) ? 'To' : 'Called');
  const sid = callSid(params);
  const from = (first(params.From) ?? first(params.Caller) ?? '').trim();
  const forwarding = channel.forwardingNumber;
  const name = await practiceName(deps.pool, channel.locationId);
  const answer = () => (forwarding ? forwardTwiml(deps.config.publicUrl, channel, forwarding) : voicemailTwiml(deps.config.publicUrl, channel, name));
  // A withheld number (anonymous, restricted…) has no contact to log against: put it through unlogged.
  if (!E164.test(from)) return xml(reply, answer());

  const rejected = await withTx(deps.pool, async (tx) => {
    await lockProviderId(tx, 'twilio', sid);
    const identity = { kind: 'phone' as const, value: from };
    const [{ contact }] = await findOrCreateContacts(tx, [{ locationId: channel.locationId, identity, profile: { source: 'call' } }]);
    const dnd = callDnd(contact, true);
    const stored = await deps.ingest.record(tx, {
      locationId: channel.locationId,
      channelId: channel.id,
      provider: 'twilio',
      identity,
      source: 'call',
      messageType: 'TYPE_CALL',
      status: dnd ? 'canceled' : 'queued',
      body: null,
      providerMessageId: sid,
      channel: { from, to: channel.phoneNumber, channelId: channel.id, ...(forwarding && !dnd && { forwardedTo: forwarding }) },
      meta: dnd ? { rejected: 'dnd' } : {},
      quiet: true,
    });
    const message = { id: stored.messageId, conversationId: stored.conversationId, meta: await callMeta(tx, channel.locationId, stored.messageId) };
    const duplicate = stored.duplicate;
    if (duplicate) return message.meta.rejected === 'dnd'; // a retried webhook: answer as the first time
    if (dnd) await refreshConversation(tx, channel.locationId, { id: message.id, conversationId: message.conversationId, direction: 'inbound', status: 'canceled', meta: message.meta });
    return dnd;
  });
  return xml(reply, rejected ? dndRejectTwiml() : answer());
}

const DIAL_STATUS: Record<string, MessageStatus> = {
  completed: 'completed',
  answered: 'completed',
  busy: 'busy',
  'no-answer': 'no-answer',
  failed: 'failed',
  canceled: 'canceled',
};

export async function handleDialAction(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params, query } = await authenticateVoice(req, deps);
  if (query.step === 'recorded') return xml(reply, sayAndHangup('Thank you for your message. Goodbye.'));
  const sid = callSid(params);
  const dialStatus = (first(params.DialCallStatus) ?? '').toLowerCase();
  const status = DIAL_STATUS[dialStatus];
  const talk = Number(first(params.DialCallDuration));
  const rejected = await withTx(deps.pool, async (tx) => {
    await lockProviderId(tx, 'twilio', sid);
    const call = await findCall(tx, channel.locationId, sid);
    if (!call) return false;
    await updateCall(tx, channel.locationId, call, {
      status,
      meta: { ...(dialStatus && { dialStatus }), ...(Number.isFinite(talk) && talk > 0 && { talkDuration: talk }) },
    });
    return !!call.meta.rejected;
  });
  const missed = ['no-answer', 'busy', 'failed'].includes(dialStatus);
  if (query.direction !== 'outbound' && missed && !rejected) {
    return xml(reply, voicemailTwiml(deps.config.publicUrl, channel, await practiceName(deps.pool, channel.locationId)));
  }
  return xml(reply, HANGUP);
}

export async function handleVoiceConnect(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params, query } = await authenticateVoice(req, deps);
  const sid = callSid(params);
  const contact = await contactOfConversation(deps.pool, channel, query.conversation);
  if (!contact?.phone) return xml(reply, sayAndHangup('Sorry, this call can no longer be connected. Goodbye.'));
  if (callDnd(contact, false)) {
    // DND was set between the click and the user answering: do not ring the contact.
    await withTx(deps.pool, async (tx) => {
      await lockProviderId(tx, 'twilio', sid);
      const call = await findCall(tx, channel.locationId, sid);
      if (call) await updateCall(tx, channel.locationId, call, { status: 'canceled', meta: { rejected: 'dnd' } });
    });
    return xml(reply, sayAndHangup('This contact has asked not to be called. The call was not connected. Goodbye.'));
  }
  return xml(reply, connectTwiml(deps.config.publicUrl, channel, contact.phone));
}

async function contactOfConversation(db: Queryable, channel: TwilioChannel, conversationId: string | undefined) {
  if (!conversationId || !/^[0-9a-f-]{36}$/i.test(conversationId)) return null;
  const r = await db.query(
    `SELECT ct.phone, ct.dnd, ct.inbound_dnd, ct.dnd_settings FROM conversations cv
       JOIN contacts ct ON ct.location_id = cv.location_id AND ct.id = cv.contact_id
      WHERE cv.location_id = $1 AND cv.id = $2`,
    [channel.locationId, conversationId],
  );
  const row = r.rows[0];
  if (!row) return null;
  return { phone: row.phone as string | null, dnd: row.dnd as boolean, inboundDnd: row.inbound_dnd as boolean, dndSettings: row.dnd_settings ?? {} };
}

async function callMeta(db: Queryable, locationId: string, id: string): Promise<Record<string, any>> {
  return (await db.query('SELECT meta FROM messages WHERE location_id = $1 AND id = $2', [locationId, id])).rows[0]?.meta ?? {};
}
