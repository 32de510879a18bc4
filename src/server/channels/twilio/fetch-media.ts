/**
 * Inbound MMS media: downloaded from Twilio by SID (download.ts) after the message is committed
 * (the webhook is answered fast and loses nothing), checked by content and size, then attached.
 */
import crypto from 'node:crypto';
import type { Task } from 'graphile-worker';
import { checkAttachment } from '../../attachments/file-types';
import { withTx } from '../../db/tx';
import { AppError } from '../../http/errors';
import type { Deps } from '../../http/types';
import { applyStatus } from '../../messages/status';
import { OutboundFetchError } from '../../net/outbound-fetch';
import { twilioChannelById } from '../store';
import { downloadTwilioMedia, retryLater } from './download';

export interface FetchMediaPayload {
  locationId: string;
  messageId: string;
  channelId: string;
  messageSid: string;
  media: { sid: string; contentType: string }[];
}

/** Jobs queued before media were named by SID carried the webhook's URL: only its SIDs are used. */
type LegacyPayload = Omit<FetchMediaPayload, 'messageSid' | 'media'> & { messageSid?: string; media: { sid?: string; url?: string; contentType: string }[] };

const MAX_MMS_BYTES = 5 * 1024 * 1024;
const EXT: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'video/mp4': 'mp4', 'audio/mpeg': 'mp3',
  'audio/wav': 'wav', 'application/pdf': 'pdf', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf', 'text/plain': 'txt', 'text/csv': 'csv',
};

export const fetchMediaTask =
  (deps: Deps): Task =>
  async (raw) => {
    const p = raw as LegacyPayload;
    const { pool, secrets, storage } = deps;
    const channel = await twilioChannelById(pool, secrets, p.locationId, p.channelId);
    if (!channel) return;
    const existing = await pool.query('SELECT count(*)::int AS n FROM attachments WHERE location_id = $1 AND message_id = $2', [p.locationId, p.messageId]);
    if (existing.rows[0].n >= p.media.length) return; // a retry after success
    const messageSid =
      p.messageSid ?? (await pool.query('SELECT provider_message_id FROM messages WHERE location_id = $1 AND id = $2', [p.locationId, p.messageId])).rows[0]?.provider_message_id;
    const rejected: string[] = [];
    const rows: unknown[][] = [];
    for (const [i, m] of p.media.entries()) {
      const fileName = `mms-${i + 1}.${EXT[m.contentType.split(';')[0]] ?? 'bin'}`;
      let bytes: Buffer;
      try {
        const mediaSid = m.sid ?? m.url?.split('/').pop() ?? '';
        bytes = await downloadTwilioMedia(deps.config.providers.twilio, channel, { kind: 'mms', messageSid, mediaSid }, MAX_MMS_BYTES);
      } catch (err) {
        if (retryLater(err)) throw err; // the queue tries again with back-off
        rejected.push(err instanceof OutboundFetchError && err.kind === 'too_large' ? `${fileName} is larger than 5 MB` : `${fileName} could not be fetched from Twilio`);
        continue;
      }
      let contentType: string;
      try {
        contentType = await checkAttachment(fileName, bytes);
      } catch (err) {
        rejected.push(err instanceof AppError ? err.message : `${fileName} was refused`);
        continue;
      }
      const id = crypto.randomUUID();
      await storage.put(`${p.locationId}/${id}`, bytes);
      rows.push([p.locationId, id, p.messageId, fileName, contentType, bytes.length, crypto.createHash('sha256').update(bytes).digest('hex'), `${p.locationId}/${id}`]);
    }
    await withTx(pool, async (tx) => {
      for (const r of rows) {
        await tx.query(
          `INSERT INTO attachments (location_id, id, message_id, file_name, content_type, size, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          r,
        );
      }
      await applyStatus(tx, p.locationId, p.messageId, { status: 'received', channel: { mediaPending: 0, ...(rejected.length && { mediaRejected: rejected }) } });
    });
  };
