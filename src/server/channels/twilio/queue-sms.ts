/**
 * An outbound SMS/MMS: stored as queued with the number it goes from, and its send job queued in
 * the same transaction (crash-safe). The first SMS to a contact carries the opt-out line.
 */
import type { Contact } from '#shared/contacts';
import type { Message } from '#shared/messages';
import type { Tx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { enqueue } from '../../jobs/queue';
import { recordMessage } from '../../messages/record';
import { twilioChannels, type TwilioChannel } from '../store';

export const DEFAULT_OPT_OUT_LINE = 'Reply STOP to unsubscribe.';

/**
 * The number to send from: the one asked for (must be the location's), else the number last used
 * with this contact, else the location's default.
 */
export async function pickSmsChannel(tx: Tx, deps: Deps, locationId: string, conversationId: string, fromNumber?: string): Promise<TwilioChannel> {
  const channels = await twilioChannels(tx, deps.secrets, locationId);
  if (channels.length === 0) throw new AppError(422, 'channel_not_connected', 'No SMS number is connected to this location yet. An admin can connect one in Settings.');
  if (fromNumber) {
    const chosen = channels.find((c) => c.phoneNumber === fromNumber);
    if (!chosen) throw new AppError(422, 'invalid_from_number', `${fromNumber} is not one of this location's SMS numbers.`, { fields: [{ field: 'body.fromNumber', message: 'is not a number of this location' }] });
    return chosen;
  }
  const last = await tx.query(
    `SELECT channel->>'channelId' AS channel_id FROM messages
      WHERE location_id = $1 AND conversation_id = $2 AND message_type = 'TYPE_SMS' AND channel ? 'channelId'
      ORDER BY created_at DESC LIMIT 1`,
    [locationId, conversationId],
  );
  return channels.find((c) => c.id === last.rows[0]?.channel_id) ?? channels.find((c) => c.isDefault) ?? channels[0];
}

export interface QueueSms {
  locationId: string;
  conversationId: string;
  contact: Contact;
  channel: TwilioChannel;
  body: string;
  userId: string | null;
  toNumber?: string;
  attachmentIds?: string[];
  /** Set for automatic replies (HELP): no opt-out line, marked in meta. */
  automated?: string;
  /** Send later: stored as scheduled at this time; its send job is queued when the time comes. */
  scheduledAt?: Date;
}

export async function queueSms(tx: Tx, _deps: Deps, q: QueueSms): Promise<Message> {
  let body = q.body;
  if (!q.automated) {
    const prior = await tx.query(
      `SELECT 1 FROM messages WHERE location_id = $1 AND conversation_id = $2 AND message_type = 'TYPE_SMS' AND direction = 'outbound'
          AND status NOT IN ('scheduled', 'canceled') LIMIT 1`,
      [q.locationId, q.conversationId],
    );
    if (prior.rowCount === 0) {
      const loc = await tx.query(`SELECT settings->>'smsOptOutLine' AS line FROM locations WHERE id = $1`, [q.locationId]);
      const line = loc.rows[0]?.line ?? DEFAULT_OPT_OUT_LINE;
      if (line && !body.includes(line)) body = body ? `${body}\n\n${line}` : line;
    }
  }
  const { message } = await recordMessage(tx, {
    locationId: q.locationId,
    contactId: q.contact.id,
    messageType: 'TYPE_SMS',
    direction: 'outbound',
    status: q.scheduledAt ? 'scheduled' : 'queued',
    scheduledAt: q.scheduledAt,
    createdAt: q.scheduledAt,
    body,
    userId: q.userId,
    attachmentIds: q.attachmentIds,
    channel: { from: q.channel.phoneNumber, to: q.toNumber ?? q.contact.phone, channelId: q.channel.id },
    meta: q.automated ? { automated: q.automated } : {},
  });
  if (!q.scheduledAt) {
    await enqueue(tx, 'twilio_send_sms', { locationId: q.locationId, messageId: message.id, attempt: 1 }, { jobKey: `twilio_send_sms:${message.id}` });
  }
  return message;
}
