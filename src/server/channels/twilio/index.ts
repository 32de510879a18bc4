/** Twilio: SMS/MMS and voice. */
import type { ChannelAdapter } from '../adapter';
import { enqueue } from '../../jobs/queue';
import { fetchMediaTask } from './fetch-media';
import { pickSmsChannel, queueSms } from './queue-sms';
import { fetchRecordingTask } from './recording';
import { twilioWebhookRoutes } from './routes';
import { sendSmsTask } from './send-sms';
import { TWILIO_MESSAGE_STATUS } from './sms-status';

export const twilioAdapter: ChannelAdapter = {
  type: 'twilio',
  sendTypes: ['SMS'],
  webhooks: twilioWebhookRoutes,
  tasks: (deps) => ({
    twilio_send_sms: sendSmsTask(deps),
    twilio_fetch_media: fetchMediaTask(deps),
    twilio_fetch_recording: fetchRecordingTask(deps),
  }),
  async queueSend(tx, deps, { locationId, conversationId, contact, userId, input, scheduledAt }) {
    const channel = await pickSmsChannel(tx, deps, locationId, conversationId, input.fromNumber);
    return queueSms(tx, deps, { locationId, conversationId, contact, channel, body: input.body ?? '', userId, toNumber: input.toNumber, attachmentIds: input.attachments, scheduledAt });
  },
  requeue: (tx, locationId, messageId) =>
    enqueue(tx, 'twilio_send_sms', { locationId, messageId, attempt: 1 }, { jobKey: `twilio_send_sms:${messageId}` }),
  mapStatus: (s) => TWILIO_MESSAGE_STATUS[s.toLowerCase()] ?? null,
};
