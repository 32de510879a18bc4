/**
 * The delivery job, one for every provider: it hands a queued message to its adapter's deliver().
 * A transient failure (network, 5xx, 429 — as the adapter classifies it) is retried with
 * exponential back-off and full jitter, up to SEND_MAX_ATTEMPTS; a permanent one fails the message
 * with the provider's code and message, and sets the DND the failure implies (an unsubscribed
 * number, a hard bounce). Queued in the transaction that records the message, so a crash loses
 * neither; one job per message (job key), retried by the queue itself only for bugs.
 */
import type { Task } from 'graphile-worker';
import { sendTypeOfMessageType } from '#shared/channel-catalog';
import { setChannelDnd } from '../contacts/dnd';
import type { Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import type { Deps } from '../http/types';
import { backoffMs, enqueue } from '../jobs/queue';
import { applyStatus } from '../messages/status';
import { applyHeldStatuses, lockProviderId } from './status-inbox';
import { connectionById } from './store';
import type { OutboundMessage } from './adapter';

export const DELIVER_TASK = 'deliver_message';

export interface DeliverPayload {
  locationId: string;
  messageId: string;
  attempt: number;
}

const jobKey = (messageId: string) => `deliver:${messageId}`;

/** Queues (or re-queues) a message's delivery, in the caller's transaction. */
export function enqueueDelivery(db: Queryable, locationId: string, messageId: string, attempt = 1, runAt?: Date): Promise<void> {
  return enqueue(db, DELIVER_TASK, { locationId, messageId, attempt } satisfies DeliverPayload, { jobKey: jobKey(messageId), runAt });
}

async function fail(tx: Tx, locationId: string, messageId: string, code: string, message: string) {
  await applyStatus(tx, locationId, messageId, { status: 'failed', errorCode: code, errorMessage: message, force: true });
}

export const deliverTask =
  (deps: Deps): Task =>
  async (raw) => {
    const { locationId, messageId, attempt } = raw as DeliverPayload;
    const { pool, config, secrets } = deps;
    const m = await pool.query(
      `SELECT id, conversation_id, contact_id, message_type, status, body, channel, meta, channel_id FROM messages WHERE location_id = $1 AND id = $2`,
      [locationId, messageId],
    );
    const row = m.rows[0];
    if (!row || row.status !== 'queued') return; // sent already, cancelled or deleted
    const type = sendTypeOfMessageType(row.message_type);
    const adapter = type ? deps.channels.forSendType(type) : undefined;
    const conn = row.channel_id ? await connectionById(pool, secrets, locationId, row.channel_id) : null;
    if (!adapter?.outbound || (adapter.connection && !conn)) {
      await withTx(pool, (tx) => fail(tx, locationId, messageId, 'channel_removed', 'The channel this message was to be sent through is no longer connected.'));
      return;
    }
    const files = await pool.query('SELECT id, file_name, content_type, size FROM attachments WHERE location_id = $1 AND message_id = $2 ORDER BY created_at, id', [
      locationId,
      messageId,
    ]);
    const message: OutboundMessage = {
      id: row.id,
      locationId,
      conversationId: row.conversation_id,
      contactId: row.contact_id,
      body: row.body,
      channel: row.channel,
      meta: row.meta,
      attachments: files.rows.map((f) => ({ id: f.id, fileName: f.file_name, contentType: f.content_type, size: Number(f.size) })),
      attempt,
    };
    try {
      const sent = await adapter.outbound.deliver(deps, conn, message);
      await withTx(pool, async (tx) => {
        await lockProviderId(tx, adapter.provider, sent.providerMessageId);
        await applyStatus(tx, locationId, messageId, {
          status: sent.status ?? 'sent',
          provider: adapter.provider,
          providerMessageId: sent.providerMessageId,
          channel: sent.channel,
        });
        await applyHeldStatuses(tx, locationId, adapter.provider, sent.providerMessageId, messageId);
      });
    } catch (err) {
      const c = adapter.outbound.classify(err);
      if (c.transient && attempt < config.sendMaxAttempts) {
        const delay = backoffMs(attempt, config.sendRetryBaseMs);
        const at = new Date(Date.now() + delay);
        await withTx(pool, async (tx) => {
          await applyStatus(tx, locationId, messageId, { status: 'queued', channel: { retry: { attempt, nextAttemptAt: at.toISOString(), lastError: c.message } } });
          await enqueueDelivery(tx, locationId, messageId, attempt + 1, at);
        });
        return;
      }
      await withTx(pool, async (tx) => {
        const name = adapter.label ?? adapter.provider;
        await fail(tx, locationId, messageId, c.code, c.transient ? `${name} was unavailable after ${attempt} attempts: ${c.message}` : c.message);
        if (c.dnd) await setChannelDnd(tx, locationId, row.contact_id, c.dnd.channel, c.dnd.status, c.dnd.reason, { type: 'provider', name });
      });
    }
  };
