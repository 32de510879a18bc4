import type { Task } from 'graphile-worker';
import type { Deps } from '../http/types';
import { sendSmsTask } from '../channels/twilio/send-sms';
import { fetchMediaTask } from '../channels/twilio/fetch-media';
import { fetchRecordingTask } from '../channels/twilio/recording';

/** Every background task, by name (the name is what enqueue() uses). */
export function buildTasks(deps: Deps): Record<string, Task> {
  return {
    twilio_send_sms: sendSmsTask(deps),
    twilio_fetch_media: fetchMediaTask(deps),
    twilio_fetch_recording: fetchRecordingTask(deps),
  };
}
