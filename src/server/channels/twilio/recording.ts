/**
 * Call recordings. /webhooks/twilio/recording notes the recording on the call item
 * (meta.recording {sid, duration}; a voicemail makes the call 'voicemail') and queues a durable job
 * in the same transaction; the job fetches `${RecordingUrl}.wav` with basic auth into attachment
 * storage as the call item's .wav attachment, so it plays in the thread through the normal
 * authenticated /api/v1/attachments/{id}/content URL.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Task } from 'graphile-worker';
import { checkAttachment } from '../../attachments/file-types';
import { withTx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { enqueue } from '../../jobs/queue';
import { twilioChannelById } from './connection';
import { findCall, updateCall } from './call-item';
import { lockProviderId } from '../status-inbox';
import { authenticateVoice, callSid } from './voice-auth';
import { first } from './webhook-auth';

export interface FetchRecordingPayload {
  locationId: string;
  channelId: string;
  callSid: string;
  recordingSid: string;
  url: string;
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
  if (!url || !/^https?:\/\//.test(url)) throw new AppError(400, 'malformed_webhook', 'RecordingUrl is missing.');
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
    const payload: FetchRecordingPayload = { locationId: channel.locationId, channelId: channel.id, callSid: sid, recordingSid, url, duration };
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
    const res = await fetch(`${p.url}.wav`, {
      headers: { authorization: `Basic ${Buffer.from(`${channel.accountSid}:${channel.authToken}`).toString('base64')}` },
      signal: AbortSignal.timeout(120_000),
    });
    // Twilio may answer 404 for a moment after the callback: the queue retries with back-off.
    if (!res.ok) throw new Error(`recording ${p.recordingSid} answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    let problem: string | null = bytes.length > MAX_RECORDING_BYTES ? 'The recording is too large to keep.' : null;
    let contentType = 'audio/wav';
    if (!problem) {
      try {
        contentType = await checkAttachment(fileName, bytes);
      } catch (err) {
        problem = err instanceof AppError ? err.message : 'The recording is not a WAV file.';
      }
    }
    const id = crypto.randomUUID();
    if (!problem) await storage.put(`${p.locationId}/${id}`, bytes);
    await withTx(pool, async (tx) => {
      await lockProviderId(tx, 'twilio', p.callSid);
      const call = await findCall(tx, p.locationId, p.callSid);
      if (!call) return;
      if (!problem) {
        await tx.query(
          `INSERT INTO attachments (location_id, id, message_id, file_name, content_type, size, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [p.locationId, id, call.id, fileName, contentType, bytes.length, crypto.createHash('sha256').update(bytes).digest('hex'), `${p.locationId}/${id}`],
        );
      }
      const recording = { sid: p.recordingSid, duration: p.duration, ...(problem ? { error: problem } : { attachmentId: id }) };
      await updateCall(tx, p.locationId, call, { meta: { recording } });
    });
  };
