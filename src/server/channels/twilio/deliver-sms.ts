/**
 * Handing a queued SMS/MMS to Twilio (the adapter's deliver, run by the core's delivery job), and
 * what a failure means: network trouble, 5xx and 429 may pass on a later try; Twilio's other 4xx
 * refusals fail the message with Twilio's code and message — 21610 (the recipient replied STOP)
 * also sets the contact's permanent SMS DND.
 */
import { signMediaUrl } from '../../attachments/signed-url';
import type { Deps } from '../../http/types';
import type { Classified, Connection, Delivered, OutboundMessage } from '../adapter';
import { twilioPost, TwilioError } from './client';
import { asTwilio } from './connection';

export async function deliverSms(deps: Deps, conn: Connection | null, msg: OutboundMessage): Promise<Delivered> {
  const channel = asTwilio(conn!);
  const { config, secrets } = deps;
  const sent = await twilioPost<{ sid: string; status: string; num_segments?: string }>(config.providers.twilio, channel, 'Messages', {
    To: msg.channel.to,
    From: channel.phoneNumber,
    Body: msg.body ?? '',
    MediaUrl: msg.attachments.map((a) => signMediaUrl(config.publicUrl, secrets.signingKey, msg.locationId, a.id)),
    StatusCallback: `${config.publicUrl}/webhooks/twilio/sms-status`,
  });
  return { providerMessageId: sent.sid, channel: { segments: Number(sent.num_segments ?? 1), providerStatus: sent.status } };
}

export function classifySmsError(err: unknown): Classified {
  if (!(err instanceof TwilioError)) throw err; // a bug: the queue retries the job and logs it
  return {
    transient: err.transient,
    code: err.code,
    message: err.message,
    ...(err.code === '21610' && { dnd: { channel: 'SMS' as const, status: 'permanent' as const, reason: 'the recipient unsubscribed (Twilio 21610)' } }),
  };
}
