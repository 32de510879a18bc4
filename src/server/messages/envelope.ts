/**
 * The ingest envelope: what every channel hands the core for each item a provider delivers — an
 * SMS, a WhatsApp message, an e-mail, a review, a comment, a web chat line. The core finds or
 * creates the contact by the identity, ensures the conversation, stores the item once per provider
 * id (or updates it), moves the conversation row, notifies, and queues the media downloads — the
 * same way for every channel (messages/ingest.ts).
 */
import type { IdentityKind } from '#shared/channel-catalog';
import type { ChannelDetails } from '#shared/message-payloads';
import type { Direction, Message, MessageStatus, MessageType } from '#shared/messages';

/** A file the provider holds, fetched after commit by the inbound media job through the adapter's download(). */
export interface MediaRef {
  /** Provider-specific reference (a Twilio media SID, a WhatsApp media id, an attachment URL…). */
  ref: string;
  contentType?: string;
  fileName?: string;
}

export interface InboundEnvelope<T extends MessageType = MessageType> {
  locationId: string;
  /** The connection it came through (channels.id), null for built-in channels. */
  channelId: string | null;
  /** Which provider adapter handles it (and downloads its media). */
  provider: string;
  identity: { kind: IdentityKind; value: string };
  /** Names from the provider's profile: they fill a new contact, or an existing one that has none. */
  profile?: { firstName?: string | null; lastName?: string | null };
  /** contacts.source of a contact created by this item. */
  source: string;
  messageType: T;
  /** inbound (default), or outbound for copies of what the practice sent elsewhere (echoes, BCC logs). */
  direction?: Direction;
  status?: MessageStatus;
  /** Unique per location and provider: a redelivery is a duplicate. */
  providerMessageId: string;
  body: string | null;
  /** Channel details (from/to, subject, thread ids, rating…), typed per item type (#shared/message-payloads). */
  channel: ChannelDetails[T] & Record<string, unknown>;
  meta?: Record<string, unknown>;
  /** When the provider says it happened (imports of history); default: now. */
  createdAt?: Date;
  /** A duplicate provider id: ignored (a retry), or the provider changed the item (an edit). */
  onDuplicate?: 'ignore' | 'update';
  /** Does not count as unread nor reopen (a call while it rings). */
  quiet?: boolean;
  media?: MediaRef[];
  /** Files already stored here (a web chat visitor's uploads, an e-mail's parts), attached to the item. */
  attachmentIds?: string[];
}

export interface IngestResult {
  messageId: string;
  conversationId: string;
  contactId: string;
  /** The provider id was already stored (a retry): nothing was written (or it was updated). */
  duplicate: boolean;
  /** The item as stored (the single path answers it; the group commit does not). */
  message?: Message;
}

/** Plain items share group-committed transactions; items with media or an update take their own. */
export const isPlain = (e: InboundEnvelope) => !e.media?.length && !e.attachmentIds?.length && (e.onDuplicate ?? 'ignore') === 'ignore';
