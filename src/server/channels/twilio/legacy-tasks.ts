/**
 * Jobs queued by an earlier version, still in the queue after an upgrade: the SMS send job and the
 * MMS media job under their old names, handed to the core's delivery and inbound media jobs.
 */
import type { Task } from 'graphile-worker';
import type { Deps } from '../../http/types';
import { deliverTask } from '../delivery';
import { inboundMediaTask } from '../../messages/inbound-media';
import { mmsFileName } from './inbound-sms';

interface OldMediaPayload {
  locationId: string;
  messageId: string;
  channelId: string;
  messageSid?: string;
  media: { sid?: string; url?: string; contentType: string }[];
}

export const legacyTasks = (deps: Deps): Record<string, Task> => ({
  twilio_send_sms: deliverTask(deps),
  twilio_fetch_media: async (raw, helpers) => {
    const p = raw as OldMediaPayload;
    const sid =
      p.messageSid ?? (await deps.pool.query('SELECT provider_message_id FROM messages WHERE location_id = $1 AND id = $2', [p.locationId, p.messageId])).rows[0]?.provider_message_id;
    if (!sid) return;
    const media = p.media.map((m, i) => ({ ref: m.sid ?? m.url?.split('/').pop() ?? '', contentType: m.contentType, fileName: mmsFileName(i, m.contentType) }));
    await inboundMediaTask(deps)({ locationId: p.locationId, messageId: p.messageId, provider: 'twilio', providerMessageId: sid, channelId: p.channelId, media }, helpers);
  },
});
