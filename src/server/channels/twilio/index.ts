/** Twilio: SMS/MMS and voice (calls, voicemail, recordings, click-to-call). */
import type { ChannelAdapter } from '../adapter';
import { callRoutes } from './click-to-call';
import { twilioConnection } from './connection';
import { classifySmsError, deliverSms } from './deliver-sms';
import { legacyTasks } from './legacy-tasks';
import { downloadMedia } from './media';
import { prepareSms } from './prepare-sms';
import { fetchRecordingTask } from './recording';
import { twilioWebhookRoutes } from './routes';
import { TWILIO_MESSAGE_STATUS } from './sms-status';

export const twilioAdapter: ChannelAdapter = {
  provider: 'twilio',
  label: 'Twilio',
  sendTypes: ['SMS'],
  connection: twilioConnection,
  inbound: { routes: twilioWebhookRoutes, download: downloadMedia },
  outbound: { prepare: prepareSms, deliver: deliverSms, classify: classifySmsError },
  mapStatus: (s) => TWILIO_MESSAGE_STATUS[s.toLowerCase()] ?? null,
  apiRoutes: callRoutes,
  tasks: (deps) => ({ twilio_fetch_recording: fetchRecordingTask(deps), ...legacyTasks(deps) }),
};
