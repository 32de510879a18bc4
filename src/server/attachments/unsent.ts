/**
 * Caps on bytes uploaded but not sent yet: one web chat visitor (UNSENT_UPLOADS_MB_PER_VISITOR)
 * and one location in all — team members' composer files and visitors' uploads together
 * (UNSENT_UPLOADS_MB_PER_LOCATION). Unsent uploads are deleted an hour after upload
 * (jobs/housekeeping.ts), so a cap only bites someone uploading without sending. Checked cheaply
 * before the body is read, and exactly (under a per-location lock) as the row is written.
 */
import type { Config } from '../config';
import type { Queryable } from '../db/pool';
import { AppError } from '../http/errors';

export interface UnsentCaps {
  perLocation: number;
  /** Only for a web chat visitor's upload. */
  perVisitor?: number;
}

export const unsentCaps = (config: Config, visitor: boolean): UnsentCaps => ({
  perLocation: config.unsentBytesPerLocation,
  ...(visitor && { perVisitor: config.unsentBytesPerVisitor }),
});

const megabytes = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

async function unsentBytes(db: Queryable, locationId: string, visitorId: string | null): Promise<{ location: number; visitor: number }> {
  const r = await db.query<{ location: number; visitor: number }>(
    `SELECT coalesce(sum(size), 0)::bigint AS location, coalesce(sum(size) FILTER (WHERE visitor_id = $2::uuid), 0)::bigint AS visitor
       FROM attachments WHERE location_id = $1 AND message_id IS NULL`,
    [locationId, visitorId],
  );
  return r.rows[0];
}

function refuse(which: 'visitor' | 'location', cap: number): AppError {
  const message =
    which === 'visitor'
      ? `Files waiting to be sent already take ${megabytes(cap)}, the most one visitor may upload before sending. Send them, or try again later.`
      : `Files uploaded here and not sent yet already take ${megabytes(cap)}, the most this clinic keeps. Send them, or try again later (unsent files are removed after an hour).`;
  return new AppError(429, 'unsent_uploads_limit', message, { maxUnsentBytes: cap });
}

/** Refuses (429 unsent_uploads_limit) when `adding` more bytes would go past a cap. */
export async function assertUnsentRoom(db: Queryable, locationId: string, visitorId: string | null, adding: number, caps: UnsentCaps): Promise<void> {
  const used = await unsentBytes(db, locationId, visitorId);
  if (caps.perVisitor !== undefined && used.visitor + adding > caps.perVisitor) throw refuse('visitor', caps.perVisitor);
  if (used.location + adding > caps.perLocation) throw refuse('location', caps.perLocation);
}

/** The exact check, in the transaction that writes the row: concurrent uploads of a location queue here. */
export async function lockUnsentRoom(tx: Queryable, locationId: string, visitorId: string | null, adding: number, caps: UnsentCaps): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('unsent-uploads:' || $1::text, 0))`, [locationId]);
  await assertUnsentRoom(tx, locationId, visitorId, adding, caps);
}
