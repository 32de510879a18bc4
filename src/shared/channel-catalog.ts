/**
 * The channel catalog: one entry per kind of channel a reply can go out on, and one per timeline
 * item type. Plain data shared by the server and the web app — the send rules (send-rules.ts), the
 * adapter registry, the composer, the icons, the filters and the DND panel derive from it, so adding
 * a channel kind is adding an entry here (then its adapter folder under server/channels/).
 */
import { ATTACHMENT_EXTENSIONS, type AttachmentExtension } from './attachment-types';
import type { DndChannel } from './dnd';
import type { MessageType, SendType } from './messages';

/** How a contact is addressed on a channel: which of their identities a send needs. */
export type IdentityKind = 'phone' | 'email' | 'messenger' | 'instagram' | 'google' | 'webchat';
export const IDENTITY_KINDS: readonly IdentityKind[] = ['phone', 'email', 'messenger', 'instagram', 'google', 'webchat'];

/** Icon keys the web app maps to icons (web/ui/channels.tsx). */
export type IconKey =
  | 'sms' | 'call' | 'email' | 'facebook' | 'instagram' | 'whatsapp' | 'google' | 'webchat'
  | 'note' | 'opportunity' | 'appointment' | 'dnd' | 'invoice' | 'payment';

export interface MessagingWindow {
  /** Hours after the contact's last inbound message on this channel during which anything may be sent. */
  hours: number;
  /** Once closed: nothing, approved templates only, or a human agent's reply (tagged) up to humanAgentHours. */
  outside: 'refuse' | 'templates' | 'human_agent';
  humanAgentHours?: number;
}

export interface ComposerFields {
  subject: boolean;
  cc: boolean;
  html: boolean;
  /** Which sender the composer picks: one of the location's numbers, mailboxes, or none. */
  from: 'number' | 'mailbox' | null;
  /** Which of the contact's addresses the composer offers as recipient. */
  to: 'phone' | 'email' | null;
  /** Show the SMS segment counter. */
  segments: boolean;
  /** Send typing signals to the contact (web chat). */
  typing: boolean;
  /** Offer provider-approved templates (WhatsApp). */
  templates: boolean;
  /** A public answer (a Google review reply): the composer warns. */
  public: boolean;
}

export interface AttachmentRules {
  extensions: readonly AttachmentExtension[];
  maxFiles: number;
  /** Sum of the files of one message. */
  maxTotalBytes: number;
}

export interface ChannelKind {
  sendType: SendType;
  /** The item type a reply on this channel is stored as. */
  messageType: MessageType;
  /** Inbound item types this channel answers (a reply to an Instagram comment goes by IG). */
  answers: readonly MessageType[];
  label: string;
  icon: IconKey;
  /** The contact's DND setting that governs it (null: only global DND, e.g. web chat). */
  dnd: DndChannel | null;
  window: MessagingWindow | null;
  /** The contact identity a send needs. */
  recipient: IdentityKind;
  /** The connection provider that carries it (channels.type); built-in channels need no connection. */
  provider: string;
  builtIn: boolean;
  /** Delivered as the transaction commits (the widget is live), not through a provider job. */
  deliversOnCommit: boolean;
  composer: ComposerFields;
  attachments: AttachmentRules | null;
  maxLength: number;
  /** A reply can point at a specific earlier message (quoted). */
  replyTo: boolean;
}

const MB = 1024 * 1024;
const PLAIN: ComposerFields = { subject: false, cc: false, html: false, from: null, to: null, segments: false, typing: false, templates: false, public: false };
const IMAGES: AttachmentExtension[] = ['jpg', 'jpeg', 'png', 'gif'];

export const CHANNEL_KINDS: Record<SendType, ChannelKind> = {
  SMS: {
    sendType: 'SMS',
    messageType: 'TYPE_SMS',
    answers: ['TYPE_SMS'],
    label: 'SMS',
    icon: 'sms',
    dnd: 'SMS',
    window: null,
    recipient: 'phone',
    provider: 'twilio',
    builtIn: false,
    deliversOnCommit: false,
    composer: { ...PLAIN, from: 'number', to: 'phone', segments: true },
    // MMS: up to 10 files, 5 MB in all (product.md).
    attachments: { extensions: ATTACHMENT_EXTENSIONS, maxFiles: 10, maxTotalBytes: 5 * MB },
    maxLength: 1600,
    replyTo: false,
  },
  Email: {
    sendType: 'Email',
    messageType: 'TYPE_EMAIL',
    answers: ['TYPE_EMAIL'],
    label: 'Email',
    icon: 'email',
    dnd: 'Email',
    window: null,
    recipient: 'email',
    provider: 'email',
    builtIn: false,
    deliversOnCommit: false,
    composer: { ...PLAIN, subject: true, cc: true, html: true, from: 'mailbox', to: 'email' },
    attachments: { extensions: ATTACHMENT_EXTENSIONS, maxFiles: 20, maxTotalBytes: 25 * MB },
    maxLength: 100_000,
    replyTo: true,
  },
  WhatsApp: {
    sendType: 'WhatsApp',
    messageType: 'TYPE_WHATSAPP',
    answers: ['TYPE_WHATSAPP'],
    label: 'WhatsApp',
    icon: 'whatsapp',
    dnd: 'WhatsApp',
    window: { hours: 24, outside: 'templates' },
    recipient: 'phone',
    provider: 'whatsapp',
    builtIn: false,
    deliversOnCommit: false,
    composer: { ...PLAIN, templates: true },
    attachments: { extensions: [...IMAGES.filter((e) => e !== 'gif'), 'mp4', 'mp3', 'pdf', 'docx', 'doc', 'xlsx', 'xls', 'pptx', 'txt', 'csv'], maxFiles: 1, maxTotalBytes: 16 * MB },
    maxLength: 4096,
    replyTo: true,
  },
  FB: {
    sendType: 'FB',
    messageType: 'TYPE_FACEBOOK',
    answers: ['TYPE_FACEBOOK'],
    label: 'Facebook',
    icon: 'facebook',
    dnd: 'FB',
    window: { hours: 24, outside: 'human_agent', humanAgentHours: 24 * 7 },
    recipient: 'messenger',
    provider: 'facebook',
    builtIn: false,
    deliversOnCommit: false,
    composer: PLAIN,
    attachments: { extensions: [...IMAGES, 'mp4', 'mp3', 'wav', 'pdf', 'docx', 'xlsx', 'pptx', 'txt'], maxFiles: 1, maxTotalBytes: 25 * MB },
    maxLength: 2000,
    replyTo: true,
  },
  IG: {
    sendType: 'IG',
    messageType: 'TYPE_INSTAGRAM',
    answers: ['TYPE_INSTAGRAM', 'TYPE_INSTAGRAM_COMMENT'],
    label: 'Instagram',
    icon: 'instagram',
    dnd: 'IG',
    window: { hours: 24, outside: 'refuse' },
    recipient: 'instagram',
    provider: 'facebook',
    builtIn: false,
    deliversOnCommit: false,
    composer: PLAIN,
    attachments: { extensions: [...IMAGES, 'mp4', 'mp3', 'wav'], maxFiles: 1, maxTotalBytes: 25 * MB },
    maxLength: 1000,
    replyTo: true,
  },
  Live_Chat: {
    sendType: 'Live_Chat',
    messageType: 'TYPE_LIVE_CHAT',
    answers: ['TYPE_LIVE_CHAT'],
    label: 'Web chat',
    icon: 'webchat',
    dnd: null,
    window: null,
    recipient: 'webchat',
    provider: 'webchat',
    builtIn: true,
    deliversOnCommit: true,
    composer: { ...PLAIN, typing: true },
    attachments: { extensions: ATTACHMENT_EXTENSIONS, maxFiles: 10, maxTotalBytes: 25 * MB },
    maxLength: 10_000,
    replyTo: false,
  },
  GMB: {
    sendType: 'GMB',
    messageType: 'TYPE_REVIEW',
    answers: ['TYPE_REVIEW'],
    label: 'Google review reply',
    icon: 'google',
    dnd: 'GMB',
    window: null,
    recipient: 'google',
    provider: 'google',
    builtIn: false,
    deliversOnCommit: false,
    composer: { ...PLAIN, public: true },
    attachments: null,
    maxLength: 4096,
    replyTo: true,
  },
};

export const SEND_KINDS: readonly ChannelKind[] = Object.values(CHANNEL_KINDS);

export interface MessageKind {
  label: string;
  icon: IconKey;
  /** Conversation with the contact (moves the conversation and its preview), as opposed to notes and activity. */
  channel: boolean;
  /** The send type that answers it, if any. */
  answeredBy: SendType | null;
  /** The DND setting shown for it in the contact's DND panel. */
  dnd: DndChannel | null;
}

const answeredBy = (t: MessageType): SendType | null => SEND_KINDS.find((k) => k.answers.includes(t))?.sendType ?? null;

const item = (label: string, icon: IconKey, channel: boolean, type: MessageType, dnd: DndChannel | null = null): MessageKind => ({
  label,
  icon,
  channel,
  answeredBy: channel ? answeredBy(type) : null,
  dnd,
});

export const MESSAGE_KINDS: Record<MessageType, MessageKind> = {
  TYPE_SMS: item('SMS', 'sms', true, 'TYPE_SMS', 'SMS'),
  TYPE_CALL: item('Call', 'call', true, 'TYPE_CALL', 'Call'),
  TYPE_EMAIL: item('Email', 'email', true, 'TYPE_EMAIL', 'Email'),
  TYPE_FACEBOOK: item('Facebook', 'facebook', true, 'TYPE_FACEBOOK', 'FB'),
  TYPE_INSTAGRAM: item('Instagram', 'instagram', true, 'TYPE_INSTAGRAM', 'IG'),
  TYPE_INSTAGRAM_COMMENT: item('Instagram comment', 'instagram', true, 'TYPE_INSTAGRAM_COMMENT'),
  TYPE_WHATSAPP: item('WhatsApp', 'whatsapp', true, 'TYPE_WHATSAPP', 'WhatsApp'),
  TYPE_REVIEW: item('Google review', 'google', true, 'TYPE_REVIEW', 'GMB'),
  TYPE_LIVE_CHAT: item('Web chat', 'webchat', true, 'TYPE_LIVE_CHAT'),
  TYPE_INTERNAL_COMMENT: item('Internal comment', 'note', false, 'TYPE_INTERNAL_COMMENT'),
  TYPE_ACTIVITY_OPPORTUNITY: item('Opportunity', 'opportunity', false, 'TYPE_ACTIVITY_OPPORTUNITY'),
  TYPE_ACTIVITY_APPOINTMENT: item('Appointment', 'appointment', false, 'TYPE_ACTIVITY_APPOINTMENT'),
  TYPE_ACTIVITY_CONTACT: item('Do Not Disturb', 'dnd', false, 'TYPE_ACTIVITY_CONTACT'),
  TYPE_ACTIVITY_INVOICE: item('Invoice', 'invoice', false, 'TYPE_ACTIVITY_INVOICE'),
  TYPE_ACTIVITY_PAYMENT: item('Payment', 'payment', false, 'TYPE_ACTIVITY_PAYMENT'),
};

/** The send type whose replies are stored as this item type (the reverse of CHANNEL_KINDS[…].messageType). */
export const sendTypeOfMessageType = (t: string): SendType | undefined => SEND_KINDS.find((k) => k.messageType === t)?.sendType;

/** DND settings in the order the contact panel lists them, with the item type whose icon they show. */
export const DND_PANEL: readonly { dnd: DndChannel; label: string; type: MessageType }[] = [
  { dnd: 'SMS', label: 'SMS', type: 'TYPE_SMS' },
  { dnd: 'Email', label: 'Email', type: 'TYPE_EMAIL' },
  { dnd: 'Call', label: 'Calls', type: 'TYPE_CALL' },
  { dnd: 'WhatsApp', label: 'WhatsApp', type: 'TYPE_WHATSAPP' },
  { dnd: 'GMB', label: 'Google', type: 'TYPE_REVIEW' },
  { dnd: 'FB', label: 'Facebook', type: 'TYPE_FACEBOOK' },
  { dnd: 'IG', label: 'Instagram', type: 'TYPE_INSTAGRAM' },
];
