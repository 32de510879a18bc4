/**
 * The one interface every channel implements — Twilio, web chat, and the providers to come
 * (e-mail, WhatsApp, Messenger/Instagram, Google reviews). Its parts are optional by nature: a
 * built-in channel has no connection, a push-only provider no pull sync, a read-only source no
 * outbound. The core does each step once around them (docs/ARCHITECTURE.md, "Channels"):
 *
 *   inbound:  verify (the adapter's routes) → parse every event → InboundEnvelope[] → deps.ingest
 *             (group commit, dedup by provider id) → acknowledge after commit; media → the inbound
 *             media job → download(); pull sync → sync/ (cursor advanced with the rows).
 *   outbound: catalog → send rules (#shared/send-rules) → prepare() (reads only) → recordMessage
 *             → the delivery job → deliver() → classify() on failure (retry with back-off, or
 *             failed with the provider's code and message, and any DND change) → statuses
 *             forward-only through the status inbox (by provider).
 */
import type { Task } from 'graphile-worker';
import type { ZodType } from 'zod';
import type { Contact } from '#shared/contacts';
import type { DndChannel } from '#shared/dnd';
import type { MessageStatus, SendMessage, SendType } from '#shared/messages';
import type { Queryable } from '../db/pool';
import type { App, Deps } from '../http/types';
import type { InboundEnvelope, MediaRef } from '../messages/envelope';

/** A stored connection (channels row), credentials unsealed. */
export interface Connection<C extends object = Record<string, any>, S extends object = Record<string, any>> {
  locationId: string;
  id: string;
  provider: string;
  name: string;
  config: C;
  secrets: S;
  isDefault: boolean;
  status: 'active' | 'error' | 'reconnect' | 'disabled';
  lastError: string | null;
  createdAt: Date;
}

/** An address that routes inbound traffic to a connection (channel_addresses). */
export interface Address {
  kind: string;
  address: string;
}

/** What connect() answers: what to store. */
export interface NewConnection {
  name: string;
  config: Record<string, unknown>;
  secrets: Record<string, unknown>;
  addresses: Address[];
  isDefault?: boolean;
}

export interface ConnectionPart {
  /** POST /api/v1/channels {type: provider, …}: the body (a member of #shared/channels' union). */
  schema: ZodType;
  /** Checks (and may test against the provider) what an admin entered; answers what to store. Writes nothing. */
  connect(deps: Deps, locationId: string, input: any): Promise<NewConnection>;
  /** The public view of a connection beyond the common fields: provider details, the webhook URLs to paste. Never secrets. */
  describe(conn: Connection, publicUrl: string): Record<string, unknown>;
}

/** A long-lived inbound listener (an IMAP IDLE connection): started with the server, closed on shutdown. */
export interface Listener {
  close(): Promise<void>;
}

export interface SyncBatch {
  items: InboundEnvelope[];
  /** Where to continue from; stored in the transaction that stores the items. */
  cursor: Record<string, unknown>;
  /** More is waiting now: pull again at once. */
  more: boolean;
}

export interface SyncPart {
  /** The streams a connection has (a mailbox's folders, a Google location's reviews…). */
  streams(conn: Connection): string[];
  /** How often an idle stream is pulled. */
  intervalMs: number;
  /** Where a new connection's streams start (e.g. "only mail from now on", or how far back to import). */
  initialCursor?(conn: Connection): Record<string, unknown>;
  /** One page from the provider after the stored cursor. Throws to back off (the stream's failures count up). */
  pull(deps: Deps, conn: Connection, stream: string, cursor: Record<string, unknown>): Promise<SyncBatch>;
}

export interface Downloaded {
  bytes: Buffer;
  contentType?: string;
  fileName?: string;
}

export interface InboundPart {
  /** Public routes outside /api/v1: webhooks verified by signature, a widget's endpoints. */
  routes?(app: App, deps: Deps): Promise<void>;
  /** Long-lived listeners, started once the server runs. */
  listen?(deps: Deps): Promise<Listener[]>;
  sync?: SyncPart;
  /** Fetches one media file of an inbound item (through net/outbound-fetch). A transient failure throws; a refusal answers { refused }. */
  download?(deps: Deps, conn: Connection, ref: MediaRef, item: { providerMessageId: string }): Promise<Downloaded | { refused: string }>;
}

export interface OutboundRequest {
  locationId: string;
  conversationId: string;
  contact: Contact;
  userId: string | null;
  input: SendMessage;
  /** An automatic reply (HELP): no opt-out line, marked in meta. */
  automated?: string;
}

/** What prepare() decided: the connection, the recipient, threading, the final text. Nothing is stored yet. */
export interface PreparedSend {
  channelId: string | null;
  /** Channel details stored with the message (from, to, subject, thread ids…). */
  channel: Record<string, unknown>;
  /** The text as it will be sent (an opt-out line added…); default: the input's. */
  body?: string | null;
  meta?: Record<string, unknown>;
}

/** A queued message as the delivery job hands it to deliver(). */
export interface OutboundMessage {
  id: string;
  locationId: string;
  conversationId: string;
  contactId: string;
  body: string | null;
  channel: Record<string, any>;
  meta: Record<string, any>;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
  attempt: number;
}

export interface Delivered {
  providerMessageId: string;
  /** Our status after the provider took it (default sent). */
  status?: MessageStatus;
  channel?: Record<string, unknown>;
}

/** A failure of deliver(), classified: retried when transient, else the message fails with this code and message. */
export interface Classified {
  transient: boolean;
  code: string;
  message: string;
  /** A DND the failure implies (an unsubscribed number, a hard bounce). */
  dnd?: { channel: DndChannel; status: 'active' | 'permanent'; reason: string };
}

export interface OutboundPart {
  prepare(db: Queryable, deps: Deps, req: OutboundRequest): Promise<PreparedSend>;
  deliver(deps: Deps, conn: Connection | null, message: OutboundMessage): Promise<Delivered>;
  classify(err: unknown): Classified;
}

export interface ChannelAdapter {
  /** channels.type of its connections; provider of its messages. */
  provider: string;
  /** The provider's name as people know it ("Twilio"), in failure messages and DND cards. */
  label: string;
  /** The send types it carries (#shared/channel-catalog). */
  sendTypes: readonly SendType[];
  /** Built-in channels (web chat) have none. */
  connection?: ConnectionPart;
  inbound?: InboundPart;
  outbound?: OutboundPart;
  /** Provider statuses in our vocabulary (null: not one we track). */
  mapStatus?(providerStatus: string): MessageStatus | null;
  /** Authenticated routes the channel adds under /api/v1 (click-to-call). */
  apiRoutes?(app: App, deps: Deps): void;
  /** Background tasks of its own (a call recording's download). */
  tasks?(deps: Deps): Record<string, Task>;
}
