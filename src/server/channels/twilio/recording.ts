/**
 * Call recordings. /webhooks/twilio/recording notes the recording on the call item
 * (meta.recording {sid, duration}; a voicemail makes the call 'voicemail') and queues a durable job
 * in the same transaction; the job downloads the recording by its SID from the configured Twilio
 * API (download.ts; RecordingUrl is only checked to be Twilio's, never fetched) and streams it
 * into attachment storage as the call item's .wav attachment, so it plays in the thread through
 * the normal authenticated /api/v1/attachments/{id}/content URL.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Task } from 'graphile-worker';
import { checkAttachment } from '../../attachments/file-types';
import { storeStream } from '../../attachments/store-stream';
import { withTx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { enqueue } from '../../jobs/queue';
import { OutboundFetchError } from '../../net/outbound-fetch';
import { twilioChannelById } from './connection';
import { findCall, updateCall } from './call-item';
import { openTwilioMedia, retryLater } from './download';
import { isTwilioApiUrl } from './media-ref';
import { lockProviderId } from '../status-inbox';
import { authenticateVoice, callSid } from './voice-auth';
import { first } from './webhook-auth';

export interface FetchRecordingPayload {
  locationId: string;
  channelId: string;
  callSid: string;
  recordingSid: string;
  duration: number;
}

/** A two-hour dual-channel call at 8 kHz is about 230 MB of WAV; more is refused. */
const MAX_RECORDING_BYTES = 256 * 1024 * 1024;

export async function handleRecording(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { channel, params, query } = await authenticateVoice(req, deps);
  const sid = callSid(params);
  const recordingSid = first(params.RecordingSid);
  const url = first(params.RecordingUrl);
  if (!recordingSid || !/^RE[0-9a-fA-F]{32}$/.test(recordingSid)) throw new AppError(400, 'malformed_webhook', 'RecordingSid is missing or malformed.');
  if (!url || !isTwilioApiUrl(url, deps.config.providers.twilio)) throw new AppError(400, 'malformed_webhook', 'RecordingUrl is missing or not a Twilio URL.');
  // Only a finished recording has bytes to fetch (in-progress, absent, failed… are not kept).
  if ((first(params.RecordingStatus) ?? 'completed') !== 'completed') return reply.status(204).send();
  const duration = Number(first(params.RecordingDuration) ?? 0) || 0;
  const voicemail = query.kind === 'voicemail' || first(params.RecordingSource) === 'RecordVerb';

  await withTx(deps.pool, async (tx) => {
    await lockProviderId(tx, 'twilio', sid);
    const call = await findCall(tx, channel.locationId, sid);
    if (!call) return; // a call we did not log (withheld number)
    await updateCall(tx, channel.locationId, call, {
      status: voicemail ? 'voicemail' : undefined,
      meta: { recording: { sid: recordingSid, duration, ...(call.meta.recording?.sid === recordingSid && call.meta.recording) } },
    });
    const payload: FetchRecordingPayload = { locationId: channel.locationId, channelId: channel.id, callSid: sid, recordingSid, duration };
    await enqueue(tx, 'twilio_fetch_recording', payload, { jobKey: `recording:${recordingSid}` });
  });
  return reply.status(204).send();
}

export const fetchRecordingTask =
  (deps: Deps): Task =>
  async (raw) => {
    const p = raw as FetchRecordingPayload;
    const { pool, secrets, storage } = deps;
    const fileName = `call-recording-${p.recordingSid}.wav`;
    const done = await pool.query(
      `SELECT a.id FROM messages m JOIN attachments a ON a.location_id = m.location_id AND a.message_id = m.id AND a.file_name = $3
        WHERE m.location_id = $1 AND m.provider = 'twilio' AND m.provider_message_id = $2`,
      [p.locationId, p.callSid, fileName],
    );
    if (done.rowCount) return; // a retry after success
    const channel = await twilioChannelById(pool, secrets, p.locationId, p.channelId);
    if (!channel) return; // disconnected since: its credentials are gone
    const id = crypto.randomUUID();
    const key = `${p.locationId}/${id}`;
    let problem: string | null = null;
    let stored: { size: number; sha256: string; contentType: string } | null = null;
    try {
      const res = await openTwilioMedia(deps.config.providers.twilio, channel, { kind: 'recording', recordingSid: p.recordingSid }, MAX_RECORDING_BYTES);
      const { size, sha256, head } = await storeStream(storage, key, res.body);
      try {
        stored = { size, sha256, contentType: await checkAttachment(fileName, head) };
      } catch (err) {
        await storage.delete(key);
        problem = err instanceof AppError ? err.message : 'The recording is not a WAV file.';
      }
    } catch (err) {
      // Twilio may answer 404 for a moment after the callback: the queue retries with back-off.
      if (retryLater(err)) throw err;
      problem = err instanceof OutboundFetchError && err.kind === 'too_large' ? 'The recording is too large to keep.' : 'The recording could not be fetched from Twilio.';
    }
    await withTx(pool, async (tx) => {
      await lockProviderId(tx, 'twilio', p.callSid);
      const call = await findCall(tx, p.locationId, p.callSid);
      if (!call) return;
      if (stored) {
        await tx.query(
          `INSERT INTO attachments (location_id, id, message_id, file_name, content_type, size, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [p.locationId, id, call.id, fileName, stored.contentType, stored.size, stored.sha256, key],
        );
      }
      const recording = { sid: p.recordingSid, duration: p.duration, ...(stored ? { attachmentId: id } : { error: problem }) };
      await updateCall(tx, p.locationId, call, { meta: { recording } });
    });
  };
