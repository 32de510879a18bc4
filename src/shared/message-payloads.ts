/**
 * What each kind of timeline item carries in `channel` (how it travelled: addresses, threading,
 * provider details) and `meta` (what happened to it: a call's outcome, a review's edits). The API
 * answers them as objects (Message.channel / .meta); these types are the contract the channels
 * write and the web app reads, one per item type. Plain types, no zod (the web app imports them).
 */
import type { ActivityMeta } from './activity';
import type { MessageType } from './messages';

/** A provider send that is being retried (transient failures, back-off). */
export interface RetryState {
  attempt: number;
  nextAttemptAt: string;
  lastError: string;
}

/** Files of an inbound item still being fetched, or refused (and why). */
export interface MediaState {
  mediaPending?: number;
  mediaRejected?: string[];
}

export interface SmsDetails extends MediaState {
  from: string;
  to: string;
  /** The connection (a Twilio number); also messages.channel_id. */
  channelId?: string;
  segments?: number;
  providerStatus?: string;
  retry?: RetryState;
}

export interface CallDetails {
  from: string;
  to: string;
  channelId?: string;
  forwardedTo?: string;
}

export interface CallMeta {
  /** Seconds, once it ended. */
  duration?: number;
  recording?: { sid: string; duration: number; attachmentId?: string; error?: string };
  /** Declined because of Call or global DND. */
  rejected?: 'dnd';
}

export interface EmailDetails extends MediaState {
  from: string;
  fromName?: string;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  html?: string;
  /** RFC 5322 threading. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** The mailbox connection it came through or goes out of. */
  mailboxId?: string;
  /** Sender authentication of an inbound mail. */
  auth?: { spf?: string; dkim?: string; dmarc?: string; spoofed?: boolean };
  /** A copy of mail staff sent elsewhere, logged here (the BCC address), or forwarded in. */
  logged?: 'bcc' | 'forwarded';
  retry?: RetryState;
}

export interface WhatsAppDetails extends MediaState {
  from: string;
  to: string;
  phoneNumberId?: string;
  /** The message it replies to (quoted). */
  context?: { id: string };
  template?: { name: string; language: string };
  kind?: 'text' | 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'location' | 'contacts' | 'interactive' | 'button' | 'reaction' | 'template';
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  retry?: RetryState;
}

/** A Messenger or Instagram direct message. */
export interface SocialDetails extends MediaState {
  from: string;
  to: string;
  replyTo?: string;
  /** Sent by the page from Meta's own apps, seen through the echo. */
  isEcho?: boolean;
  /** Unsent by the sender (Instagram). */
  unsent?: boolean;
  story?: { kind: 'reply' | 'mention'; url?: string };
  /** Sent with the HUMAN_AGENT tag (after the 24-hour window). */
  humanAgent?: boolean;
  retry?: RetryState;
}

/** A comment on an Instagram (or Facebook) post. */
export interface CommentDetails {
  from: string;
  to: string;
  commentId: string;
  parentId?: string;
  post: { id: string; permalink?: string; thumbnailUrl?: string; caption?: string };
  hidden?: boolean;
  /** The private reply sent for it (one per comment). */
  privateReply?: { messageId: string; at: string };
}

export interface ReviewDetails {
  /** accounts/{a}/locations/{l}/reviews/{r} */
  reviewName: string;
  rating: 1 | 2 | 3 | 4 | 5 | null;
  reviewer: { name: string; photoUrl?: string | null; anonymous: boolean };
  link?: string;
  /** Earlier versions, newest first, when the reviewer edited it. */
  edits?: { body: string | null; rating: number | null; at: string }[];
  deleted?: boolean;
}

export interface LiveChatDetails {
  visitorId?: string;
  clientId?: string;
  pageUrl?: string;
}

/** A note of the team (TYPE_INTERNAL_COMMENT): who it mentions. */
export interface NoteMeta {
  mentions?: string[];
}

/** `channel` per item type. */
export interface ChannelDetails {
  TYPE_SMS: SmsDetails;
  TYPE_CALL: CallDetails;
  TYPE_EMAIL: EmailDetails;
  TYPE_FACEBOOK: SocialDetails;
  TYPE_INSTAGRAM: SocialDetails;
  TYPE_INSTAGRAM_COMMENT: CommentDetails;
  TYPE_WHATSAPP: WhatsAppDetails;
  TYPE_REVIEW: ReviewDetails;
  TYPE_LIVE_CHAT: LiveChatDetails;
  TYPE_INTERNAL_COMMENT: Record<string, never>;
  TYPE_ACTIVITY_OPPORTUNITY: Record<string, never>;
  TYPE_ACTIVITY_APPOINTMENT: Record<string, never>;
  TYPE_ACTIVITY_CONTACT: Record<string, never>;
  TYPE_ACTIVITY_INVOICE: Record<string, never>;
  TYPE_ACTIVITY_PAYMENT: Record<string, never>;
}

/** `meta` per item type. */
export interface MetaOf {
  TYPE_CALL: CallMeta;
  TYPE_INTERNAL_COMMENT: NoteMeta;
  TYPE_ACTIVITY_OPPORTUNITY: ActivityMeta;
  TYPE_ACTIVITY_APPOINTMENT: ActivityMeta;
  TYPE_ACTIVITY_CONTACT: ActivityMeta;
  TYPE_ACTIVITY_INVOICE: ActivityMeta;
  TYPE_ACTIVITY_PAYMENT: ActivityMeta;
}

/** A message's channel details, typed by its item type (partial: older items may lack fields). */
export const detailsOf = <T extends MessageType>(m: { messageType: T; channel: Record<string, unknown> }): Partial<ChannelDetails[T]> =>
  m.channel as Partial<ChannelDetails[T]>;

/** A message's meta, typed by its item type. */
export const metaOf = <T extends keyof MetaOf>(m: { messageType: T; meta: Record<string, unknown> }): Partial<MetaOf[T]> => m.meta as Partial<MetaOf[T]>;
