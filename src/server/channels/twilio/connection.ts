/**
 * A Twilio number as a connection: config {phoneNumber, accountSid, forwardingNumber?, helpText?},
 * secrets {authToken}, routed by its number (channel_addresses kind 'twilio_number'). The rest of
 * this folder works with the flattened TwilioChannel.
 */
import { TwilioChannelCreateSchema, type TwilioChannelCreate } from '#shared/channels';
import type { Secrets } from '../../crypto/secrets';
import type { Queryable } from '../../db/pool';
import { normalizePhoneOrThrow } from '../../contacts/phone';
import type { Deps } from '../../http/types';
import type { Connection, ConnectionPart } from '../adapter';
import { connectionById, connectionsOf } from '../store';

export const NUMBER = 'twilio_number';

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

export function asTwilio(c: Connection): TwilioChannel {
  return {
    locationId: c.locationId,
    id: c.id,
    name: c.name,
    phoneNumber: c.config.phoneNumber,
    accountSid: c.config.accountSid,
    authToken: c.secrets.authToken,
    forwardingNumber: c.config.forwardingNumber ?? null,
    helpText: c.config.helpText ?? null,
    isDefault: c.isDefault,
  };
}

export function twilioWebhooks(publicUrl: string): Record<string, string> {
  return {
    sms: `${publicUrl}/webhooks/twilio/sms`,
    smsStatus: `${publicUrl}/webhooks/twilio/sms-status`,
    voice: `${publicUrl}/webhooks/twilio/voice`,
    voiceStatus: `${publicUrl}/webhooks/twilio/voice-status`,
    recording: `${publicUrl}/webhooks/twilio/recording`,
  };
}

/** The Twilio channel that owns a number (inbound webhooks name only the number they went to). */
export async function twilioChannelByNumber(deps: Deps, phone: string, opts: { fresh?: boolean } = {}): Promise<TwilioChannel | null> {
  const c = await deps.channels.route(NUMBER, phone, opts);
  return c && c.provider === 'twilio' ? asTwilio(c) : null;
}

export async function twilioChannelById(db: Queryable, secrets: Secrets, locationId: string, id: string): Promise<TwilioChannel | null> {
  const c = await connectionById(db, secrets, locationId, id);
  return c && c.provider === 'twilio' ? asTwilio(c) : null;
}

/** The location's numbers, the default first. */
export async function twilioChannels(db: Queryable, secrets: Secrets, locationId: string): Promise<TwilioChannel[]> {
  return (await connectionsOf(db, secrets, locationId, 'twilio')).map(asTwilio);
}

export const twilioConnection: ConnectionPart = {
  schema: TwilioChannelCreateSchema,
  async connect(deps, locationId, b: TwilioChannelCreate) {
    const country = (await deps.pool.query('SELECT country FROM locations WHERE id = $1', [locationId])).rows[0].country;
    const phone = normalizePhoneOrThrow(b.phoneNumber, country, 'body.phoneNumber');
    const forwarding = b.forwardingNumber ? normalizePhoneOrThrow(b.forwardingNumber, country, 'body.forwardingNumber') : undefined;
    return {
      name: b.name ?? `Twilio ${phone}`,
      config: { phoneNumber: phone, accountSid: b.accountSid, ...(forwarding && { forwardingNumber: forwarding }), ...(b.helpText && { helpText: b.helpText }) },
      secrets: { authToken: b.authToken },
      addresses: [{ kind: NUMBER, address: phone }],
      isDefault: b.isDefault,
    };
  },
  describe: (c, publicUrl) => ({
    phoneNumber: c.config.phoneNumber,
    accountSid: c.config.accountSid,
    forwardingNumber: c.config.forwardingNumber ?? null,
    helpText: c.config.helpText ?? null,
    webhooks: twilioWebhooks(publicUrl),
  }),
};
