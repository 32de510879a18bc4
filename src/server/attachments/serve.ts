/**
 * Answers an attachment's bytes, the same way for the team and for web chat visitors: its stored
 * type with nosniff, a sandboxing CSP (an SVG or HTML-looking file can never run script on our
 * origin), inline only for types browsers show safely, privately cached.
 */
import type { FastifyReply } from 'fastify';
import { notFound } from '../http/errors';
import type { Storage } from './storage';

const INLINE = /^(image\/(png|jpeg|gif)|application\/pdf|audio\/|video\/)/;

export interface ServedAttachment {
  file_name: string;
  content_type: string;
  size: string | number;
  storage_key: string;
}

export async function sendAttachment(reply: FastifyReply, storage: Storage, a: ServedAttachment) {
  const disposition = INLINE.test(a.content_type) ? 'inline' : 'attachment';
  const bytes = await storage.get(a.storage_key).catch(() => {
    throw notFound('Attachment content');
  });
  return reply
    .header('Content-Type', a.content_type)
    .header('Content-Length', String(a.size))
    .header('Content-Disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(a.file_name)}`)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")
    .header('Cache-Control', 'private, max-age=86400')
    .send(bytes);
}
