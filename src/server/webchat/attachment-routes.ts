/**
 * Files in the widget's API: POST /widget/v1/{locationId}/attachments (the visitor's image or PDF,
 * checked by content, limited in size and per visitor and IP) and GET …/attachments/{id} (a file
 * of the visitor's own web chat, fetched with their token; anything else is 404). The origin
 * guard (guard.ts) has run before either.
 */
import { z } from 'zod';
import { ErrorBodySchema } from '#shared/errors';
import { WidgetAttachmentSchema } from '#shared/webchat';
import { sendAttachment } from '../attachments/serve';
import { readUpload } from '../attachments/upload';
import type { App, Deps } from '../http/types';
import { storeVisitorUpload, VISITOR_EXTENSIONS, visitorAttachment } from './attachments';
import { visitorOf } from './guard';
import { LIMITS, rateLimitedError } from './limits';

const tags = ['web chat widget'];
const errors = { 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema };

export function widgetAttachmentRoutes(app: App, { pool, storage, config }: Deps): void {
  const perIp = app.createRateLimit(LIMITS.uploadPerIp);

  app.post('/widget/v1/:locationId/attachments', {
    config: { rateLimit: LIMITS.upload },
    // The per-visitor limit above; this one counts every visitor of one address together.
    onRequest: async (req) => {
      const r = await perIp(req);
      if (!r.isAllowed && r.isExceeded) throw rateLimitedError(req, { ttl: r.ttl, after: '' });
    },
    schema: {
      tags,
      summary: 'Upload an image (JPG, PNG, GIF) or PDF as the visitor (multipart field "file"), then send its id in a message',
      description: `Needs the visitor token. Checked by content, not only by name; at most ${Math.round(config.webchatMaxUploadBytes / 1024 / 1024)} MB.`,
      consumes: ['multipart/form-data'],
      params: z.object({ locationId: z.uuid() }),
      response: { 201: WidgetAttachmentSchema, 400: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema, ...errors },
    },
    handler: async (req, reply) => {
      const v = await visitorOf(req, pool);
      const upload = await readUpload(req, config.webchatMaxUploadBytes, VISITOR_EXTENSIONS);
      return reply.status(201).send(await storeVisitorUpload(pool, storage, v, upload));
    },
  });

  app.get('/widget/v1/:locationId/attachments/:id', {
    config: { rateLimit: LIMITS.download },
    schema: {
      tags,
      summary: 'A file of the visitor’s web chat (theirs, or the team’s reply), with the visitor token',
      params: z.object({ locationId: z.uuid(), id: z.uuid() }),
      response: errors,
    },
    handler: async (req, reply) => sendAttachment(reply, storage, await visitorAttachment(pool, await visitorOf(req, pool), req.params.id)),
  });
}
