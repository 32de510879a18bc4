/**
 * Click to call: POST /api/v1/conversations/{id}/call rings the signed-in user's own phone through
 * Twilio's Calls API; when it answers, /webhooks/twilio/voice-connect dials the contact from the
 * practice's number. Every rule is checked before Twilio is called (DND, the user's phone, a
 * connected number); the call is logged as an outbound TYPE_CALL item under the returned CallSid.
 */
import { IdParams } from '#shared/common';
import type { Contact } from '#shared/contacts';
import { ErrorBodySchema } from '#shared/errors';
import { MessageSchema, type Message } from '#shared/messages';
import { withTx } from '../../db/tx';
import type { Queryable } from '../../db/pool';
import { AppError, notFound } from '../../http/errors';
import type { AuthContext, Deps, RouteModule } from '../../http/types';
import { CONTACT_COLUMNS, toContact } from '../../contacts/serialize';
import { recordMessage } from '../../messages/record';
import { twilioChannels, type TwilioChannel } from './connection';
import { findCall } from './call-item';
import { applyHeldCallStatuses } from './call-status';
import { twilioPost, TwilioError } from './client';
import { lockProviderId } from '../status-inbox';
import { voiceUrl } from './twiml';

/** Twilio's refusals of a call, in plain words. */
const CALL_ERRORS: Record<string, string> = {
  '20003': 'The Twilio credentials of this number are no longer valid.',
  '21210': 'The practice number is not verified for outgoing calls on the Twilio account.',
  '21211': 'Your phone number is not a valid number to call.',
  '21214': 'Your phone number cannot be reached.',
  '21215': 'Calls to your phone number’s country are not enabled on the Twilio account.',
  '21216': 'Your phone number is blocked by Twilio.',
  '21217': 'Your phone number does not appear to be valid.',
};

async function contactOf(db: Queryable, locationId: string, conversationId: string): Promise<Contact> {
  const cols = CONTACT_COLUMNS.split(',').map((c) => `ct.${c.trim()}`).join(', ');
  const r = await db.query(
    `SELECT ${cols} FROM conversations cv JOIN contacts ct ON ct.location_id = cv.location_id AND ct.id = cv.contact_id
      WHERE cv.location_id = $1 AND cv.id = $2`,
    [locationId, conversationId],
  );
  if (!r.rows[0]) throw notFound('Conversation');
  return toContact(r.rows[0]);
}

/** The number to call from: the one last used with this contact (call or SMS), else the default. */
async function pickChannel(deps: Deps, locationId: string, conversationId: string): Promise<TwilioChannel> {
  const channels = await twilioChannels(deps.pool, deps.secrets, locationId);
  if (channels.length === 0) throw new AppError(422, 'channel_not_connected', 'No phone number is connected to this location yet. An admin can connect one in Settings.', { channel: 'Call' });
  const last = await deps.pool.query(
    `SELECT channel->>'channelId' AS channel_id FROM messages
      WHERE location_id = $1 AND conversation_id = $2 AND message_type IN ('TYPE_CALL', 'TYPE_SMS') AND channel ? 'channelId'
      ORDER BY created_at DESC LIMIT 1`,
    [locationId, conversationId],
  );
  return channels.find((c) => c.id === last.rows[0]?.channel_id) ?? channels.find((c) => c.isDefault) ?? channels[0];
}

export async function placeCall(deps: Deps, auth: AuthContext, conversationId: string): Promise<Message> {
  const { pool, config } = deps;
  const { locationId } = auth;
  const contact = await contactOf(pool, locationId, conversationId);
  if (contact.dnd) throw new AppError(422, 'dnd_active', 'Cannot call: DND is active for all channels.', { channel: 'Call' });
  if (['active', 'permanent'].includes(contact.dndSettings.Call.status)) throw new AppError(422, 'dnd_active', 'Cannot call: DND is active for Calls.', { channel: 'Call' });
  if (!contact.phone) throw new AppError(422, 'no_recipient', 'This contact has no phone number.');
  const user = auth.userId ? (await pool.query('SELECT phone FROM users WHERE id = $1', [auth.userId])).rows[0] : null;
  if (!user?.phone) {
    throw new AppError(422, 'no_user_phone', auth.userId ? 'Add your phone number in your profile to place calls: the call rings your phone first.' : 'Click to call rings a signed-in user’s phone; an API key has none.');
  }
  const channel = await pickChannel(deps, locationId, conversationId);

  let sid: string;
  try {
    const answer = await twilioPost<{ sid: string }>(config.providers.twilio, channel, 'Calls', {
      To: user.phone,
      From: channel.phoneNumber,
      Url: voiceUrl(config.publicUrl, 'voice-connect', channel, { conversation: conversationId }),
      StatusCallback: voiceUrl(config.publicUrl, 'voice-status', channel),
      StatusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    sid = answer.sid;
  } catch (err) {
    if (!(err instanceof TwilioError)) throw err;
    if (err.transient) throw new AppError(502, 'provider_unavailable', `Twilio could not place the call right now; try again. (${err.message})`);
    throw new AppError(422, 'call_refused', `Twilio refused the call: ${CALL_ERRORS[err.code] ?? err.message}`, { providerCode: err.code });
  }

  return withTx(pool, async (tx) => {
    await lockProviderId(tx, 'twilio', sid);
    const { message } = await recordMessage(tx, {
      locationId,
      contactId: contact.id,
      messageType: 'TYPE_CALL',
      direction: 'outbound',
      status: 'queued',
      body: null,
      provider: 'twilio',
      providerMessageId: sid,
      userId: auth.userId,
      channel: { from: channel.phoneNumber, to: contact.phone, channelId: channel.id },
      channelId: channel.id,
    });
    const call = await findCall(tx, locationId, sid);
    if (call) await applyHeldCallStatuses(tx, locationId, sid, call);
    return call && call.status !== message.status ? { ...message, status: call.status } : message;
  });
}

export const callRoutes: RouteModule = (app, deps) => {
  app.post('/conversations/:id/call', {
    schema: {
      tags: ['conversations'],
      summary: 'Click to call: ring the signed-in user’s phone, then connect the contact; logged as an outbound call',
      params: IdParams,
      response: { 201: MessageSchema, 404: ErrorBodySchema, 422: ErrorBodySchema, 502: ErrorBodySchema },
    },
    handler: async (req, reply) => reply.status(201).send(await placeCall(deps, req.auth, req.params.id)),
  });
};
