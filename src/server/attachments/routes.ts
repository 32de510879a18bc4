import crypto from 'node:crypto';
import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { AttachmentSchema } from '#shared/messages';
import { AppError, notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { toAttachment } from '../messages/serialize';
import { checkAttachment } from './file-types';

const tags = ['attachments'];
const INLINE = /^(image\/(png|jpeg|gif)|application\/pdf|audio\/|video\/)/;

export const attachmentRoutes: RouteModule = (app, { pool, storage, config }) => {
  app.post('/attachments', {
    schema: {
      tags,
      summary: 'Upload one file (multipart field "file"); checked by content, not only by name',
      consumes: ['multipart/form-data'],
      response: { 201: AttachmentSchema, 400: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', 'Send the file as multipart/form-data.');
      const file = await req.file({ limits: { fileSize: config.maxUploadBytes, files: 1 } });
      if (!file) throw new AppError(400, 'file_missing', 'file: no file in the request.');
      const bytes = await file.toBuffer(); // throws 413 past the limit
      const fileName = file.filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'file';
      const contentType = await checkAttachment(fileName, bytes);
      const id = crypto.randomUUID();
      const storageKey = `${req.auth.locationId}/${id}`;
      await storage.put(storageKey, bytes);
      const r = await pool
        .query(
        `INSERT INTO attachments (location_id, id, file_name, content_type, size, sha256, storage_key, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, file_name, content_type, size`,
          [req.auth.locationId, id, fileName, contentType, bytes.length, crypto.createHash('sha256').update(bytes).digest('hex'), storageKey, req.auth.userId],
        )
        .catch(async (err) => {
          await storage.delete(storageKey); // no bytes without their record
          throw err;
        });
      return reply.status(201).send(toAttachment(r.rows[0]));
    },
  });

  app.get('/attachments/:id/content', {
    schema: { tags, summary: 'Download an attachment’s bytes', params: IdParams },
    handler: async (req, reply) => {
      const r = await pool.query('SELECT file_name, content_type, size, storage_key FROM attachments WHERE location_id = $1 AND id = $2', [
        req.auth.locationId,
        req.params.id,
      ]);
      const a = r.rows[0];
      if (!a) throw notFound('Attachment');
      const disposition = INLINE.test(a.content_type) ? 'inline' : 'attachment';
      return reply
        .header('Content-Type', a.content_type)
        .header('Content-Length', String(a.size))
        .header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
        .header('Cache-Control', 'private, max-age=86400')
        .send(await storage.get(a.storage_key).catch(() => {
          throw notFound('Attachment content');
        }));
    },
  });
};
