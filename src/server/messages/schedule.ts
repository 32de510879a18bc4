/**
 * Send later. A scheduled message is a timeline item with status `scheduled`, `scheduled_at` and
 * (while it waits) `created_at` = its time, so it sits at the end of the thread; its {{fields}} are
 * kept as written. One durable job per message (job key `send_scheduled:<id>`) fires at that time
 * (send-scheduled.ts). Until then it can be edited (body, subject, time: the job moves with it) or
 * cancelled: status `canceled`, error code `canceled`, kept in the thread where it was cancelled.
 */
import type { Message, ScheduledPatch } from '#shared/messages';
import { NonexistentTimeError, zonedToUtc } from '../appointments/zoned-time';
import type { Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { AppError, notFound } from '../http/errors';
import type { Deps } from '../http/types';
import { enqueue, removeJob } from '../jobs/queue';
import { resolveMerge } from '../snippets/merge-context';
import { loadContactOfConversation } from './send-context';
import { MESSAGE_COLUMNS, toAttachment, toMessage } from './serialize';

export const SEND_SCHEDULED_TASK = 'send_scheduled_message';
export const MAX_SCHEDULE_DAYS = 366;
const jobKey = (messageId: string) => `send_scheduled:${messageId}`;

const fieldError = (message: string) =>
  new AppError(400, 'validation_failed', `scheduledAt: ${message}`, { fields: [{ field: 'body.scheduledAt', message }] });

/**
 * The instant a scheduledAt means: as given when it carries Z or an offset, else the wall clock in
 * `timezone` (default: the location's). It must lie ahead (a few seconds of clock skew allowed)
 * and within a year.
 */
export async function resolveSendAt(db: Queryable, locationId: string, scheduledAt: string, timezone?: string): Promise<Date> {
  let at: Date;
  if (/(Z|[+-]\d{2}:\d{2})$/.test(scheduledAt)) at = new Date(scheduledAt);
  else {
    const zone = timezone ?? (await db.query('SELECT timezone FROM locations WHERE id = $1', [locationId])).rows[0]?.timezone ?? 'UTC';
    const [date, clock] = scheduledAt.split('T');
    const seconds = Number(clock.slice(6) || 0);
    try {
      at = new Date(zonedToUtc(date, clock.slice(0, 5), zone).getTime() + seconds * 1000);
    } catch (err) {
      if (err instanceof NonexistentTimeError) throw fieldError(`${clock.slice(0, 5)} does not exist on ${date} in ${zone}: the clocks skip it`);
      throw fieldError('is not a valid date and time');
    }
  }
  if (Number.isNaN(at.getTime())) throw fieldError('is not a valid date and time');
  if (at.getTime() < Date.now() - 5_000) throw fieldError('is in the past: pick a time ahead');
  if (at.getTime() > Date.now() + MAX_SCHEDULE_DAYS * 86_400_000) throw fieldError(`is too far ahead (at most ${MAX_SCHEDULE_DAYS} days)`);
  return at;
}

/** Queues (or moves) the message's send job, in the caller's transaction. */
export const enqueueScheduled = (tx: Tx, locationId: string, messageId: string, at: Date) =>
  enqueue(tx, SEND_SCHEDULED_TASK, { locationId, messageId }, { runAt: at, jobKey: jobKey(messageId), maxAttempts: 10 });

async function lockScheduled(tx: Tx, locationId: string, messageId: string) {
  const r = await tx.query(`SELECT ${MESSAGE_COLUMNS} FROM messages WHERE location_id = $1 AND id = $2 FOR UPDATE`, [locationId, messageId]);
  const row = r.rows[0];
  if (!row) throw notFound('Message');
  if (row.status !== 'scheduled') {
    const why = row.status === 'canceled' ? 'it was cancelled' : row.status === 'failed' ? 'its send was attempted and failed' : 'it has been sent already';
    throw new AppError(409, 'not_scheduled', `This message is no longer scheduled: ${why}.`, { status: row.status });
  }
  return row;
}

async function finish(tx: Tx, locationId: string, row: any): Promise<Message> {
  const a = await tx.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2', [locationId, row.id]);
  const message = toMessage(row, a.rows.map(toAttachment));
  tx.emit({ locationId, type: 'message.updated', conversationId: row.conversation_id, data: message });
  return message;
}

export async function editScheduled(deps: Deps, locationId: string, messageId: string, patch: ScheduledPatch): Promise<Message> {
  return withTx(deps.pool, async (tx) => {
    const row = await lockScheduled(tx, locationId, messageId);
    const at = patch.scheduledAt ? await resolveSendAt(tx, locationId, patch.scheduledAt, patch.timezone) : row.scheduled_at;
    const body = patch.body ?? row.body;
    const isEmail = row.message_type === 'TYPE_EMAIL';
    const newSubject = isEmail ? patch.subject : undefined; // only e-mails have a subject
    const subject = newSubject ?? row.channel.subject ?? null;
    if (!body?.trim() && !(await hasAttachments(tx, locationId, messageId))) {
      throw new AppError(400, 'validation_failed', 'body: write a message or attach a file.', { fields: [{ field: 'body.body', message: 'is empty' }] });
    }
    if (isEmail && !subject?.trim()) {
      throw new AppError(400, 'validation_failed', 'subject: an e-mail needs a subject.', { fields: [{ field: 'body.subject', message: 'is required for Email' }] });
    }
    // Checked now as at send: an unknown or empty field is refused before it is saved.
    const contact = await loadContactOfConversation(tx, locationId, row.conversation_id);
    await resolveMerge(tx, locationId, contact, row.user_id, { body, subject });
    const u = await tx.query(
      `UPDATE messages SET body = $3, channel = CASE WHEN $4::text IS NULL THEN channel ELSE channel || jsonb_build_object('subject', $4::text) END,
              scheduled_at = $5, created_at = $5, updated_at = now()
        WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
      [locationId, messageId, body, newSubject ?? null, at],
    );
    if (patch.scheduledAt) await enqueueScheduled(tx, locationId, messageId, at);
    return finish(tx, locationId, u.rows[0]);
  });
}

export async function cancelScheduled(deps: Deps, locationId: string, messageId: string): Promise<Message> {
  return withTx(deps.pool, async (tx) => {
    await lockScheduled(tx, locationId, messageId);
    // It stays in the thread, at the moment it was cancelled (not at a time that never came).
    const u = await tx.query(
      `UPDATE messages SET status = 'canceled', error_code = 'canceled', error_message = 'Cancelled before it was sent.',
              created_at = clock_timestamp(), updated_at = clock_timestamp()
        WHERE location_id = $1 AND id = $2 RETURNING ${MESSAGE_COLUMNS}`,
      [locationId, messageId],
    );
    await removeJob(tx, jobKey(messageId));
    return finish(tx, locationId, u.rows[0]);
  });
}

async function hasAttachments(db: Queryable, locationId: string, messageId: string): Promise<boolean> {
  const r = await db.query('SELECT 1 FROM attachments WHERE location_id = $1 AND message_id = $2 LIMIT 1', [locationId, messageId]);
  return (r.rowCount ?? 0) > 0;
}
