/**
 * Voice callbacks are verified like every Twilio webhook (webhook-auth.ts): signature header
 * present (400), body a form (400), signature over the public URL for a connected channel (403,
 * the same answer for a channel that is not connected).
 * The channel comes from the callback URL's `location`/`channel` query (ours, and signed) because
 * recording and child-leg callbacks do not name our number; without it, from the `To` number
 * (the status callback URL pasted on the number in Twilio's console).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { twilioChannelById, type TwilioChannel } from './connection';
import { verifyTwilioSignature, type FormParams } from './signature';
import { authenticateTwilio, first, signatureInvalid } from './webhook-auth';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function authenticateVoice(req: FastifyRequest, deps: Deps): Promise<{ channel: TwilioChannel; params: FormParams; query: Record<string, string> }> {
  const query = (req.query ?? {}) as Record<string, string>;
  if (!query.channel) {
    const body = (req.body ?? {}) as FormParams;
    const { channel, params } = await authenticateTwilio(req, deps, first(body.To) || !first(body.Called) ? 'To' : 'Called');
    return { channel, params, query };
  }
  const signature = req.headers['x-twilio-signature'];
  if (typeof signature !== 'string' || !signature) throw new AppError(400, 'signature_missing', 'X-Twilio-Signature header is missing.');
  if (!req.body || typeof req.body !== 'object') throw new AppError(400, 'malformed_webhook', 'Expected a form-encoded body.');
  if (!UUID.test(query.channel) || !UUID.test(query.location ?? '')) throw new AppError(400, 'malformed_webhook', 'location or channel is malformed.');
  const params = req.body as FormParams;
  const channel = await twilioChannelById(deps.pool, deps.secrets, query.location, query.channel);
  if (!channel || !verifyTwilioSignature(channel.authToken, deps.config.publicUrl + req.url, params, signature)) throw signatureInvalid();
  const accountSid = first(params.AccountSid);
  if (accountSid && accountSid !== channel.accountSid) throw new AppError(403, 'account_mismatch', 'AccountSid does not own this number.');
  return { channel, params, query };
}

const CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/** A CallSid parameter, checked (400 when missing or malformed). */
export function callSid(params: FormParams, name = 'CallSid'): string {
  const sid = first(params[name]);
  if (!sid || !CALL_SID.test(sid)) throw new AppError(400, 'malformed_webhook', `${name} is missing or malformed.`);
  return sid;
}

export const isCallSid = (v: string | undefined): v is string => !!v && CALL_SID.test(v);
