/**
 * Files in the widget's API: POST /widget/v1/{locationId}/attachments (the visitor's image or PDF,
 * checked by content, limited in size and per visitor and IP) and GET …/attachments/{id} (a file
 * of the visitor's own web chat, fetched with their token; anything else is 404). The origin
 * guard (guard.ts) has run before either.
 */
import { z } from 'zod';
import { ErrorBodySchema } from '#shared/errors';
import { WidgetAttachmentSchema } from '#shared/webchat';
import { sendAttachment } from '../../attachments/serve';
import { readUpload } from '../../attachments/upload';
import { assertUnsentRoom, unsentCaps } from '../../attachments/unsent';
import type { App, Deps } from '../../http/types';
import { storeVisitorUpload, VISITOR_EXTENSIONS, visitorAttachment } from './attachments';
import { visitorOf } from './guard';
import { LIMITS } from './limits';

const tags = ['web chat widget'];
/** Types the widget shows inline (and that cannot carry script). */
const WIDGET_TYPED = /^image\/(png|jpeg|gif)$/;
const errors = { 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 429: ErrorBodySchema };

export function widgetAttachmentRoutes(app: App, { pool, storage, config }: Deps): void {
  app.post('/widget/v1/:locationId/attachments', {
    // Per visitor, and every visitor of one address together.
    config: { widgetLimits: [LIMITS.upload, LIMITS.uploadPerIp] },
    schema: {
      tags,
      summary: 'Upload an image (JPG, PNG, GIF) or PDF as the visitor (multipart field "file"), then send its id in a message',
      description:
        `Needs the visitor token. Checked by content, not only by name; at most ${Math.round(config.webchatMaxUploadBytes / 1024 / 1024)} MB. ` +
        'An upload not sent within an hour is deleted; unsent uploads are capped per visitor and per location (429 unsent_uploads_limit).',
      consumes: ['multipart/form-data'],
      params: z.object({ locationId: z.uuid() }),
      response: { 201: WidgetAttachmentSchema, 400: ErrorBodySchema, 413: ErrorBodySchema, 415: ErrorBodySchema, ...errors },
    },
    handler: async (req, reply) => {
      const v = await visitorOf(req, pool);
      const caps = unsentCaps(config, true);
      await assertUnsentRoom(pool, v.locationId, v.id, 0, caps); // full already: refused before reading the file
      const upload = await readUpload(req, config.webchatMaxUploadBytes, VISITOR_EXTENSIONS);
      return reply.status(201).send(await storeVisitorUpload(pool, storage, v, upload, caps));
    },
  });

  app.get('/widget/v1/:locationId/attachments/:id', {
    config: { widgetLimits: [LIMITS.download] },
    schema: {
      tags,
      summary: 'A file of the visitor’s web chat (theirs, or the team’s reply), with the visitor token',
      params: z.object({ locationId: z.uuid(), id: z.uuid() }),
      response: errors,
    },
    handler: async (req, reply) => {
      const a = await visitorAttachment(pool, await visitorOf(req, pool), req.params.id);
      // The widget turns what it fetched into blob: URLs of the clinic's site — an SVG or HTML the
      // team sent would run there as the site. Only photos keep their type; the rest is bytes to save.
      return sendAttachment(reply, storage, WIDGET_TYPED.test(a.content_type) ? a : { ...a, content_type: 'application/octet-stream' });
    },
  });
}
