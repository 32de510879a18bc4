/** Connected channels: stored with sealed credentials, found by location or by phone number. */
import type { Channel } from '#shared/channels';
import type { Secrets } from '../crypto/secrets';
import { prepared, type Queryable } from '../db/pool';

export interface TwilioChannel {
  locationId: string;
  id: string;
  name: string;
  phoneNumber: string;
  accountSid: string;
  authToken: string;
  forwardingNumber: string | null;
  helpText: string | null;
  isDefault: boolean;
}

const COLUMNS = 'location_id, id, type, name, phone_number, account_sid, secrets, config, is_default, created_at';

export function twilioWebhooks(publicUrl: string): Record<string, string> {
  return {
    sms: `${publicUrl}/webhooks/twilio/sms`,
    smsStatus: `${publicUrl}/webhooks/twilio/sms-status`,
    voice: `${publicUrl}/webhooks/twilio/voice`,
    voiceStatus: `${publicUrl}/webhooks/twilio/voice-status`,
    recording: `${publicUrl}/webhooks/twilio/recording`,
  };
}

export function toChannel(r: any, publicUrl: string): Channel {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    phoneNumber: r.phone_number,
    accountSid: r.account_sid,
    forwardingNumber: r.config.forwardingNumber ?? null,
    helpText: r.config.helpText ?? null,
    isDefault: r.is_default,
    webhooks: twilioWebhooks(publicUrl),
    createdAt: r.created_at.toISOString(),
  };
}

function unseal(r: any, secrets: Secrets): TwilioChannel {
  const { authToken } = JSON.parse(secrets.decrypt(r.secrets)) as { authToken: string };
  return {
    locationId: r.location_id,
    id: r.id,
    name: r.name,
    phoneNumber: r.phone_number,
    accountSid: r.account_sid,
    authToken,
    forwardingNumber: r.config.forwardingNumber ?? null,
    helpText: r.config.helpText ?? null,
    isDefault: r.is_default,
  };
}

const BY_NUMBER = prepared('twilio_channel_by_number', `SELECT ${COLUMNS} FROM channels WHERE type = 'twilio' AND phone_number = $1`);

/** The Twilio channel that owns a number (inbound webhooks name only the number they went to). */
export async function twilioChannelByNumber(db: Queryable, secrets: Secrets, phoneNumber: string): Promise<TwilioChannel | null> {
  const r = await db.query(BY_NUMBER, [phoneNumber]);
  return r.rows[0] ? unseal(r.rows[0], secrets) : null;
}

export async function twilioChannels(db: Queryable, secrets: Secrets, locationId: string): Promise<TwilioChannel[]> {
  const r = await db.query(`SELECT ${COLUMNS} FROM channels WHERE location_id = $1 AND type = 'twilio' ORDER BY is_default DESC, created_at`, [
    locationId,
  ]);
  return r.rows.map((row) => unseal(row, secrets));
}

export async function twilioChannelById(db: Queryable, secrets: Secrets, locationId: string, id: string): Promise<TwilioChannel | null> {
  const r = await db.query(`SELECT ${COLUMNS} FROM channels WHERE location_id = $1 AND id = $2`, [locationId, id]);
  return r.rows[0] ? unseal(r.rows[0], secrets) : null;
}

export async function listChannels(db: Queryable, locationId: string, publicUrl: string): Promise<Channel[]> {
  const r = await db.query(`SELECT ${COLUMNS} FROM channels WHERE location_id = $1 ORDER BY created_at`, [locationId]);
  return r.rows.map((row) => toChannel(row, publicUrl));
}

export const CHANNEL_COLUMNS = COLUMNS;
