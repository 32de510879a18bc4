/**
 * One uploaded file, from the multipart request to a stored attachment: read within the size
 * limit, checked by content (file-types.ts), bytes into Storage, metadata into `attachments`.
 * Used by the team's POST /api/v1/attachments and the web chat visitor's upload.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Pool, Queryable } from '../db/pool';
import { withTx } from '../db/tx';
import { AppError } from '../http/errors';
import { checkAttachment } from './file-types';
import type { Storage } from './storage';
import { lockUnsentRoom, type UnsentCaps } from './unsent';

export interface Upload {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

export interface StoredAttachment {
  id: string;
  file_name: string;
  content_type: string;
  size: string | number;
}

const megabytes = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/**
 * A multipart body the parser gave up on (no boundary, a part cut short, a malformed header) is
 * the client's: 400. The plugin's own refusals keep their status (413 limits, 406…).
 */
function unreadable(err: unknown): never {
  const status = (err as { statusCode?: number }).statusCode;
  if (status && status < 500) throw err;
  throw new AppError(400, 'malformed_multipart', 'The multipart/form-data body could not be read.');
}

/**
 * The request's one file (field "file"), checked by content (only the extensions in `only`, when
 * given); 400/413/415 with a clear message otherwise.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, only?: readonly string[]): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch(unreadable);
  // A part without a file name is a plain form field (multipart's rule), not a file.
  if (!file || (file as { type?: string }).type !== 'file' || typeof file.filename !== 'string') {
    throw new AppError(400, 'file_missing', 'file: no file in the request.');
  }
  const fileName = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') return unreadable(err);
    throw new AppError(413, 'payload_too_large', `"${fileName}" is larger than ${megabytes(maxBytes)}, the largest file that can be sent.`, {
      maxBytes,
    });
  }
  return { fileName, bytes, contentType: await checkAttachment(fileName, bytes, only) };
}

/**
 * Stores the bytes, then the row (no bytes are left without their row) — the row only while the
 * location's (and the visitor's) unsent uploads stay within their caps (unsent.ts).
 */
export async function storeAttachment(
  pool: Pool,
  storage: Storage,
  locationId: string,
  upload: Upload,
  by: { userId?: string | null; visitorId?: string },
  caps: UnsentCaps,
): Promise<StoredAttachment> {
  const id = crypto.randomUUID();
  const storageKey = `${locationId}/${id}`;
  await storage.put(storageKey, upload.bytes);
  try {
    return await withTx(pool, (tx) => insertRow(tx, locationId, id, storageKey, upload, by, caps));
  } catch (err) {
    await storage.delete(storageKey);
    throw err;
  }
}

async function insertRow(
  tx: Queryable,
  locationId: string,
  id: string,
  storageKey: string,
  upload: Upload,
  by: { userId?: string | null; visitorId?: string },
  caps: UnsentCaps,
): Promise<StoredAttachment> {
  await lockUnsentRoom(tx, locationId, by.visitorId ?? null, upload.bytes.length, caps);
  const r = await tx.query<StoredAttachment>(
    `INSERT INTO attachments (location_id, id, file_name, content_type, size, sha256, storage_key, uploaded_by, visitor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id, file_name, content_type, size`,
    [
      locationId,
      id,
      upload.fileName,
      upload.contentType,
      upload.bytes.length,
      crypto.createHash('sha256').update(upload.bytes).digest('hex'),
      storageKey,
      by.userId ?? null,
      by.visitorId ?? null,
    ],
  );
  return r.rows[0];
}
