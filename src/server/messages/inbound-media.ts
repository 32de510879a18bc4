/**
 * The inbound media job, one for every channel: after an item with files is committed (the
 * webhook was answered fast and lost nothing), each file is fetched through its adapter's
 * download() — which goes through the safe outbound fetch — checked by content, stored, and
 * attached. A transient failure throws (the queue retries the job, files already stored are kept);
 * a refused file is named on the item (channel.mediaRejected).
 */
import crypto from 'node:crypto';
import type { Task } from 'graphile-worker';
import { checkAttachment } from '../attachments/file-types';
import { connectionById } from '../channels/store';
import { withTx } from '../db/tx';
import { AppError } from '../http/errors';
import type { Deps } from '../http/types';
import type { InboundMediaPayload } from './ingest';
import { applyStatus } from './status';

const extOf = (contentType: string | undefined) => CONTENT_EXT[(contentType ?? '').split(';')[0].trim().toLowerCase()] ?? 'bin';

const CONTENT_EXT: Record<string, string> = {
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif', 'image/svg+xml': 'svg', 'video/mp4': 'mp4', 'video/mpeg': 'mpeg',
  'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'application/pdf': 'pdf', 'text/vcard': 'vcf', 'text/x-vcard': 'vcf',
  'text/plain': 'txt', 'text/csv': 'csv',
};

/** A stable UUID for the n-th file of a message. */
function fileId(messageId: string, n: number): string {
  const h = crypto.createHash('sha256').update(`${messageId}:${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export const inboundMediaTask =
  (deps: Deps): Task =>
  async (raw) => {
    const p = raw as InboundMediaPayload;
    const { pool, secrets, storage } = deps;
    const adapter = deps.channels.forProvider(p.provider);
    const conn = p.channelId ? await connectionById(pool, secrets, p.locationId, p.channelId) : null;
    if (!adapter?.inbound?.download || (p.channelId && !conn)) {
      await withTx(pool, (tx) => applyStatus(tx, p.locationId, p.messageId, { status: 'received', channel: { mediaPending: 0, mediaRejected: ['The channel was removed before its files could be fetched.'] } }));
      return;
    }
    // Each file has a fixed attachment id (from the item and its position): a retry after a
    // partial success fetches only what is missing and never stores a file twice.
    const have = await pool.query<{ id: string }>('SELECT id FROM attachments WHERE location_id = $1 AND message_id = $2', [p.locationId, p.messageId]);
    const stored = new Set(have.rows.map((r) => r.id));
    const rejected: string[] = [];
    for (const [i, ref] of p.media.entries()) {
      const id = fileId(p.messageId, i);
      if (stored.has(id)) continue;
      const got = await adapter.inbound.download(deps, conn!, ref, { providerMessageId: p.providerMessageId }); // throws when it may pass: the job is retried
      if ('refused' in got) {
        rejected.push(got.refused);
        continue;
      }
      const fileName = got.fileName ?? ref.fileName ?? `file-${i + 1}.${extOf(got.contentType ?? ref.contentType)}`;
      let contentType: string;
      try {
        contentType = await checkAttachment(fileName, got.bytes);
      } catch (err) {
        rejected.push(err instanceof AppError ? err.message : `${fileName} was refused`);
        continue;
      }
      await storage.put(`${p.locationId}/${id}`, got.bytes);
      await pool.query(
        `INSERT INTO attachments (location_id, id, message_id, file_name, content_type, size, sha256, storage_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT DO NOTHING`,
        [p.locationId, id, p.messageId, fileName, contentType, got.bytes.length, crypto.createHash('sha256').update(got.bytes).digest('hex'), `${p.locationId}/${id}`],
      );
    }
    await withTx(pool, (tx) =>
      applyStatus(tx, p.locationId, p.messageId, { status: 'received', channel: { mediaPending: 0, ...(rejected.length && { mediaRejected: rejected }) } }),
    );
  };
