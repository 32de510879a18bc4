/**
 * The one small interface every provider channel implements (Twilio now; e-mail, Meta, WhatsApp and
 * Google reviews next). The registry (registry.ts) is a plain static list of them.
 */
import type { Task } from 'graphile-worker';
import type { Contact } from '#shared/contacts';
import type { Message, MessageStatus, SendMessage, SendType } from '#shared/messages';
import type { Tx } from '../db/tx';
import type { App, Deps } from '../http/types';

export interface OutboundRequest {
  locationId: string;
  conversationId: string;
  contact: Contact;
  userId: string | null;
  input: SendMessage;
  /** Send later: record it as scheduled at this time, without queueing its send (requeue does, then). */
  scheduledAt?: Date;
}

export interface ChannelAdapter {
  /** channels.type of the connections this adapter serves. */
  type: string;
  /** The send types (POST …/messages {type}) it carries. */
  sendTypes: readonly SendType[];
  /** Public webhooks: verify every request (signature), turn it into timeline items. */
  webhooks(app: App, deps: Deps): Promise<void>;
  /** Background tasks by name: sending, fetching media… */
  tasks(deps: Deps): Record<string, Task>;
  /** Records the outbound item as queued and queues its send, in the caller's transaction. */
  queueSend(tx: Tx, deps: Deps, req: OutboundRequest): Promise<Message>;
  /** Queues the send of a failed item again (its status is already back to queued). */
  requeue(tx: Tx, locationId: string, messageId: string): Promise<void>;
  /** A provider status in our vocabulary (null: not one we track). */
  mapStatus(providerStatus: string): MessageStatus | null;
}
