/** Recordings made by <Dial record>, <Record> or the Calls API `Record` parameter. */
import type { SimContext } from '../context';
import { newSid, rfc2822 } from '../ids';
import type { SimAccount, SimCall, SimRecording } from '../types';
import { recordingUrl } from '../views';
import { sendWebhook } from '../webhook';

export interface RecordingRequest {
  duration: number;
  channels: 1 | 2;
  source: SimRecording['source'];
  /** recordingStatusCallback; no callback without one (as Twilio). */
  callback: string | null;
  callbackMethod?: 'GET' | 'POST';
  /** recordingStatusCallbackEvent (space-separated); Twilio's default is `completed`. */
  events?: string;
}

export interface MadeRecording {
  recording: SimRecording;
  url: string;
  /** Sends the recording status callback (kept apart so callers choose when). */
  notify(): Promise<void>;
}

export function makeRecording(ctx: SimContext, account: SimAccount, call: SimCall, req: RecordingRequest): MadeRecording {
  const recording: SimRecording = {
    sid: newSid('RE'),
    accountSid: account.sid,
    callSid: call.sid,
    duration: Math.max(0, Math.round(req.duration)),
    channels: req.channels,
    source: req.source,
    dateCreated: new Date(),
  };
  ctx.state.recordings.set(recording.sid, recording);
  call.recordings.push(recording.sid);
  const url = recordingUrl(ctx.simUrl, recording);
  const events = (req.events ?? 'completed').split(/[\s,]+/);
  const notify = async () => {
    if (!req.callback || !events.includes('completed')) return;
    await sendWebhook(ctx, {
      kind: 'recording-status',
      url: req.callback,
      method: req.callbackMethod ?? 'POST',
      authToken: account.token,
      params: {
        AccountSid: account.sid,
        CallSid: call.sid,
        RecordingSid: recording.sid,
        RecordingUrl: url,
        RecordingStatus: 'completed',
        RecordingDuration: String(recording.duration),
        RecordingChannels: String(recording.channels),
        RecordingStartTime: rfc2822(recording.dateCreated),
        RecordingSource: recording.source,
        ErrorCode: '0',
      },
    });
  };
  return { recording, url, notify };
}

/** The fields an action request carries about a recording. */
export function recordingFields(made: MadeRecording): Record<string, string> {
  return {
    RecordingUrl: made.url,
    RecordingSid: made.recording.sid,
    RecordingDuration: String(made.recording.duration),
  };
}
