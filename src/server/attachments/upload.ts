/**
 * One uploaded file, from the multipart request to a stored attachment: read within the size
 * limit, checked by content (file-types.ts), bytes into Storage, metadata into `attachments`.
 * Used by the team's POST /api/v1/attachments and the web chat visitor's upload.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../db/pool';
import { AppError } from '../http/errors';
import { checkAttachment } from './file-types';
import type { Storage } from './storage';

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
 * The request's one file (field "file"), checked by content (only the extensions in `only`, when
 * given); 400/413/415 with a clear message otherwise.
 */
export async function readUpload(req: FastifyRequest, maxBytes: number, only?: readonly string[]): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
  const file = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file) throw new AppError(400, 'file_missing', 'file: no file in the request.');
  const fileName = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
  let bytes: Buffer;
  try {
    bytes = await file.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    throw new AppError(413, 'payload_too_large', `"${fileName}" is larger than ${megabytes(maxBytes)}, the largest file that can be sent.`, {
      maxBytes,
    });
  }
  return { fileName, bytes, contentType: await checkAttachment(fileName, bytes, only) };
}

/** Stores the bytes, then the row (no bytes are left without their row). */
export async function storeAttachment(
  db: Queryable,
  storage: Storage,
  locationId: string,
  upload: Upload,
  by: { userId?: string | null; visitorId?: string },
): Promise<StoredAttachment> {
  const id = crypto.randomUUID();
  const storageKey = `${locationId}/${id}`;
  await storage.put(storageKey, upload.bytes);
  try {
    const r = await db.query<StoredAttachment>(
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
  } catch (err) {
    await storage.delete(storageKey);
    throw err;
  }
}
