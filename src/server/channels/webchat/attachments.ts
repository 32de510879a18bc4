/**
 * Files in web chat. A visitor uploads images and PDFs (checked by content like every upload);
 * the upload is theirs until they send it. A visitor may fetch only the files of the web chat
 * messages of their own conversation, and their own unsent uploads — anything else, another
 * visitor's or a file the team sent on another channel, is unknown to them (404).
 */
import type { Attachment } from '#shared/messages';
import type { WidgetAttachment } from '#shared/webchat';
import type { Pool, Queryable } from '../../db/pool';
import type { UnsentCaps } from '../../attachments/unsent';
import type { ServedAttachment } from '../../attachments/serve';
import type { Upload } from '../../attachments/upload';
import { storeAttachment } from '../../attachments/upload';
import type { Storage } from '../../attachments/storage';
import { notFound } from '../../http/errors';
import { toAttachment } from '../../messages/serialize';
import type { Visitor } from './visitors';

/** What a visitor may send: photos and PDFs (no SVG: it can carry script). */
export const VISITOR_EXTENSIONS = ['jpg', 'jpeg', 'png', 'gif', 'pdf'] as const;

/** The visitor's address of a file: the widget fetches it with its token. */
export function widgetAttachment(locationId: string, a: Pick<Attachment, 'id' | 'fileName' | 'contentType' | 'size'>): WidgetAttachment {
  return { id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, url: `/widget/v1/${locationId}/attachments/${a.id}` };
}

/** SQL (for a message row `m`): its files as JSON, ready for widgetAttachment. */
export const ATTACHMENTS_JSON = `(
  SELECT coalesce(json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'contentType', a.content_type, 'size', a.size)
                           ORDER BY a.created_at, a.id), '[]'::json)
    FROM attachments a WHERE a.location_id = m.location_id AND a.message_id = m.id)`;

export async function storeVisitorUpload(pool: Pool, storage: Storage, v: Visitor, upload: Upload, caps: UnsentCaps): Promise<WidgetAttachment> {
  const row = await storeAttachment(pool, storage, v.locationId, upload, { visitorId: v.id }, caps);
  return widgetAttachment(v.locationId, toAttachment(row));
}

/** The visitor's own unsent uploads among `ids`, locked for the message that takes them; 404 if any is not. */
export async function assertOwnUploads(tx: Queryable, v: Visitor, ids: string[]): Promise<void> {
  const wanted = [...new Set(ids)];
  const r = await tx.query(
    `SELECT id FROM attachments WHERE location_id = $1 AND id = ANY($2::uuid[]) AND visitor_id = $3 AND message_id IS NULL FOR UPDATE`,
    [v.locationId, wanted, v.id],
  );
  if (r.rowCount !== wanted.length) throw notFound('Attachment');
}

/** A file the visitor may fetch, or 404. */
export async function visitorAttachment(db: Queryable, v: Visitor, id: string): Promise<ServedAttachment> {
  const r = await db.query<ServedAttachment>(
    `SELECT a.file_name, a.content_type, a.size, a.storage_key
       FROM attachments a LEFT JOIN messages m ON m.location_id = a.location_id AND m.id = a.message_id
      WHERE a.location_id = $1 AND a.id = $2
        AND CASE WHEN a.message_id IS NULL THEN a.visitor_id = $3::uuid
                 ELSE m.conversation_id = $4::uuid AND m.message_type = 'TYPE_LIVE_CHAT' AND m.status NOT IN ('scheduled', 'canceled') END`,
    [v.locationId, id, v.id, v.conversationId],
  );
  if (!r.rows[0]) throw notFound('Attachment');
  return r.rows[0];
}
