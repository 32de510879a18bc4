/**
 * The one ingest entry every channel feeds (webhooks, listeners, pull sync, the widget): an
 * envelope in, the item stored once, acknowledged only after commit. Plain items of any channel
 * join the group commit (inbound-queue.ts: many webhooks share a transaction); an item with media,
 * an update of an earlier one, or follow-up work of its adapter (an opt-out keyword) takes its own
 * transaction, with the follow-up inside it. One instance per process, made by the composition root.
 */
import type { Contact } from '#shared/contacts';
import type { Pool } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { findOrCreateContacts } from '../contacts/identities';
import { enqueue } from '../jobs/queue';
import { isPlain, type InboundEnvelope, type IngestResult } from './envelope';
import { InboundQueue } from './inbound-queue';
import { recordMessage } from './record';

export const INBOUND_MEDIA_TASK = 'inbound_media';

export interface InboundMediaPayload {
  locationId: string;
  messageId: string;
  provider: string;
  providerMessageId: string;
  channelId: string | null;
  media: NonNullable<InboundEnvelope['media']>;
}

/** Work an adapter does in the item's own transaction once it is stored (not for a duplicate). */
export type FollowUp = (tx: Tx, stored: IngestResult & { contact: Contact }) => Promise<void>;

export class Ingest {
  private readonly queue: InboundQueue;

  constructor(private readonly pool: Pool) {
    this.queue = new InboundQueue(pool);
  }

  /** Stores one item durably; resolves after commit. */
  submit(e: InboundEnvelope, followUp?: FollowUp): Promise<IngestResult> {
    return isPlain(e) && !followUp ? this.queue.submit(e) : withTx(this.pool, (tx) => this.record(tx, e, followUp));
  }

  /** Stores the items of one delivery (a webhook batch); each is stored once, whatever fails next to it. */
  async submitAll(items: InboundEnvelope[]): Promise<PromiseSettledResult<IngestResult>[]> {
    return Promise.allSettled(items.map((e) => this.submit(e)));
  }

  /** One item in the caller's transaction (pull sync stores a page and its cursor together). */
  async record(tx: Tx, e: InboundEnvelope, followUp?: FollowUp): Promise<IngestResult> {
    const [{ contact }] = await findOrCreateContacts(tx, [{ locationId: e.locationId, identity: e.identity, profile: { ...e.profile, source: e.source } }]);
    const media = e.media ?? [];
    const { message, duplicate } = await recordMessage(tx, {
      locationId: e.locationId,
      contactId: contact.id,
      messageType: e.messageType,
      direction: e.direction ?? 'inbound',
      status: e.status ?? 'received',
      body: e.body,
      channel: media.length ? { ...e.channel, mediaPending: media.length } : e.channel,
      meta: e.meta,
      provider: e.provider,
      providerMessageId: e.providerMessageId,
      channelId: e.channelId,
      createdAt: e.createdAt,
      onDuplicate: e.onDuplicate,
      quiet: e.quiet,
      attachmentIds: e.attachmentIds,
    });
    const stored = { messageId: message.id, conversationId: message.conversationId, contactId: contact.id, duplicate, message };
    if (duplicate) return stored;
    if (media.length) {
      const payload: InboundMediaPayload = { locationId: e.locationId, messageId: message.id, provider: e.provider, providerMessageId: e.providerMessageId, channelId: e.channelId, media };
      await enqueue(tx, INBOUND_MEDIA_TASK, payload, { jobKey: `media:${message.id}` });
    }
    await followUp?.(tx, { ...stored, contact });
    return stored;
  }
}
