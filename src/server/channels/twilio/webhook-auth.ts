/**
 * Every Twilio webhook: the signature header must be present (400) and match (403) for the
 * channel named by the request, over the public URL the provider called; a number that is not
 * connected is answered like a wrong signature (403). Nothing is stored before.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { twilioChannelByNumber, type TwilioChannel } from './connection';
import { verifyTwilioSignature, type FormParams } from './signature';

/** The answer to a signature that does not match — and to a number or channel that is not connected. */
export const signatureInvalid = () => new AppError(403, 'signature_invalid', 'X-Twilio-Signature does not match.');

export const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Verifies the request against the channel owning `number`; answers the channel and the params. */
export async function authenticateTwilio(req: FastifyRequest, deps: Deps, numberParam: 'To' | 'From' | 'Called'): Promise<{ channel: TwilioChannel; params: FormParams }> {
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || !signature) throw new AppError(400, 'signature_missing', 'X-Twilio-Signature header is missing.');
  if (!req.body || typeof req.body !== 'object') throw new AppError(400, 'malformed_webhook', 'Expected a form-encoded body.');
  const params = req.body as FormParams;
  const number = first(params[numberParam]);
  if (!number) throw new AppError(400, 'malformed_webhook', `${numberParam} is missing.`);
  const phone = number.replace(/^whatsapp:/, '');
  const url = deps.config.publicUrl + req.url;
  // The number's channel is remembered a few seconds per process (channels/registry.ts).
  let channel = await twilioChannelByNumber(deps, phone);
  if (!channel || !verifyTwilioSignature(channel.authToken, url, params, signature)) {
    // The token may have just been changed (in another process): check against the stored one.
    // An unknown number takes the same path and gets the same answer as a wrong signature, so
    // nobody can probe which numbers are connected here.
    channel = await twilioChannelByNumber(deps, phone, { fresh: true });
    if (!channel || !verifyTwilioSignature(channel.authToken, url, params, signature)) throw signatureInvalid();
  }
  const accountSid = first(params.AccountSid);
  if (accountSid && accountSid !== channel.accountSid) throw new AppError(403, 'account_mismatch', 'AccountSid does not own this number.');
  return { channel, params };
}

export const TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';
