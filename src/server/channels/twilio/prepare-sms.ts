/**
 * Preparing an outbound SMS/MMS (the adapter's prepare: reads only, writes nothing): the number it
 * goes from — the one asked for (must be the location's), else the number last used with this
 * contact, else the location's default — the number it goes to, and the text: the first SMS to a
 * contact carries the location's opt-out line.
 */
import type { Queryable } from '../../db/pool';
import { AppError } from '../../http/errors';
import type { OutboundRequest, PreparedSend } from '../adapter';
import type { Deps } from '../../http/types';
import { twilioChannels, type TwilioChannel } from './connection';

export { DEFAULT_OPT_OUT_LINE } from '#shared/sms';
import { DEFAULT_OPT_OUT_LINE } from '#shared/sms';

export async function pickSmsChannel(db: Queryable, deps: Deps, locationId: string, conversationId: string, fromNumber?: string): Promise<TwilioChannel> {
  const channels = await twilioChannels(db, deps.secrets, locationId);
  if (channels.length === 0) throw new AppError(422, 'channel_not_connected', 'No SMS number is connected to this location yet. An admin can connect one in Settings.');
  if (fromNumber) {
    const chosen = channels.find((c) => c.phoneNumber === fromNumber);
    if (!chosen) throw new AppError(422, 'invalid_from_number', `${fromNumber} is not one of this location's SMS numbers.`, { fields: [{ field: 'body.fromNumber', message: 'is not a number of this location' }] });
    return chosen;
  }
  const last = await db.query(
    `SELECT channel_id FROM messages
      WHERE location_id = $1 AND conversation_id = $2 AND message_type = 'TYPE_SMS' AND channel_id IS NOT NULL
      ORDER BY created_at DESC LIMIT 1`,
    [locationId, conversationId],
  );
  return channels.find((c) => c.id === last.rows[0]?.channel_id) ?? channels.find((c) => c.isDefault) ?? channels[0];
}

/** The opt-out line when this is the first SMS the practice sends the contact (scheduled or cancelled ones do not count). */
async function withOptOutLine(db: Queryable, locationId: string, conversationId: string, body: string): Promise<string> {
  const prior = await db.query(
    `SELECT 1 FROM messages WHERE location_id = $1 AND conversation_id = $2 AND message_type = 'TYPE_SMS' AND direction = 'outbound'
        AND status NOT IN ('scheduled', 'canceled') LIMIT 1`,
    [locationId, conversationId],
  );
  if ((prior.rowCount ?? 0) > 0) return body;
  const loc = await db.query(`SELECT settings->>'smsOptOutLine' AS line FROM locations WHERE id = $1`, [locationId]);
  const line = loc.rows[0]?.line ?? DEFAULT_OPT_OUT_LINE;
  return line && !body.includes(line) ? (body ? `${body}\n\n${line}` : line) : body;
}

export async function prepareSms(db: Queryable, deps: Deps, req: OutboundRequest): Promise<PreparedSend> {
  const channel = await pickSmsChannel(db, deps, req.locationId, req.conversationId, req.input.fromNumber);
  const body = req.input.body ?? '';
  return {
    channelId: channel.id,
    channel: { from: channel.phoneNumber, to: req.input.toNumber ?? req.contact.phone ?? req.contact.additionalPhones[0], channelId: channel.id },
    body: req.automated ? body : await withOptOutLine(db, req.locationId, req.conversationId, body),
  };
}
