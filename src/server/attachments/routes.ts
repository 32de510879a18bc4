import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { AttachmentSchema } from '#shared/messages';
import { notFound } from '../http/errors';
import type { RouteModule } from '../http/types';
import { toAttachment } from '../messages/serialize';
import { sendAttachment } from './serve';
import { readUpload, storeAttachment } from './upload';
import { assertUnsentRoom, unsentCaps } from './unsent';

const tags = ['attachments'];

export const attachmentRoutes: RouteModule = (app, { pool, storage, config }) => {
  app.post('/attachments', {
    schema: {
      tags,
      summary: 'Upload one file (multipart field "file"); checked by content, not only by name',
      description:
        'Send it within an hour: files never sent are deleted then. The location\'s unsent files together are capped ' +
        '(UNSENT_UPLOADS_MB_PER_LOCATION): past it, 429 unsent_uploads_limit.',
      consumes: ['multipart/form-data'],
      response: { 201: AttachmentSchema, 400: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema, 429: ErrorBodySchema },
    },
    handler: async (req, reply) => {
      const caps = unsentCaps(config, false);
      await assertUnsentRoom(pool, req.auth.locationId, null, 0, caps); // full already: refused before reading the file
      const upload = await readUpload(req, config.maxUploadBytes);
      const row = await storeAttachment(pool, storage, req.auth.locationId, upload, { userId: req.auth.userId }, caps);
      return reply.status(201).send(toAttachment(row));
    },
  });

  app.get('/attachments/:id/content', {
    schema: { tags, summary: 'Download an attachment’s bytes', params: IdParams },
    handler: async (req, reply) => {
      const r = await pool.query('SELECT file_name, content_type, size, storage_key FROM attachments WHERE location_id = $1 AND id = $2', [
        req.auth.locationId,
        req.params.id,
      ]);
      if (!r.rows[0]) throw notFound('Attachment');
      return sendAttachment(reply, storage, r.rows[0]);
    },
  });
};
