/** Status callbacks of outbound SMS: forward-only updates, carrier errors in plain words. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { MessageStatus } from '#shared/messages';
import { withTx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { setChannelDnd } from '../../contacts/dnd';
import { carrierErrorMessage, TEMPORARY_DND_CODES } from './errors';
import { applyProviderStatus } from '../status-inbox';
import { authenticateTwilio, first } from './webhook-auth';

export const TWILIO_MESSAGE_STATUS: Record<string, MessageStatus> = {
  accepted: 'queued', scheduled: 'queued', queued: 'queued', sending: 'sent', sent: 'sent',
  delivered: 'delivered', read: 'read', undelivered: 'undelivered', failed: 'failed', canceled: 'failed',
};

export async function handleSmsStatus(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params } = await authenticateTwilio(req, deps, 'From');
  const sid = first(params.MessageSid) ?? first(params.SmsSid);
  const status = TWILIO_MESSAGE_STATUS[(first(params.MessageStatus) ?? first(params.SmsStatus) ?? '').toLowerCase()];
  if (!sid || !status) throw new AppError(400, 'malformed_webhook', 'MessageSid or MessageStatus is missing or unknown.');
  const errorCode = first(params.ErrorCode) || null;
  await withTx(deps.pool, async (tx) => {
    // Forward only; held in the status inbox when the delivery job has not stored the sid yet.
    const applied = await applyProviderStatus(tx, {
      locationId: channel.locationId,
      provider: 'twilio',
      providerId: sid,
      status,
      errorCode,
      errorMessage: errorCode ? carrierErrorMessage(errorCode) : null,
    });
    if (applied?.moved && errorCode && TEMPORARY_DND_CODES.has(errorCode)) {
      await setChannelDnd(tx, channel.locationId, applied.contactId, 'SMS', 'active', `carrier error ${errorCode} (${carrierErrorMessage(errorCode).replace(/\.$/, '').toLowerCase()})`, {
        type: 'provider',
        name: 'Twilio',
      });
    }
  });
  return reply.status(204).send();
}
