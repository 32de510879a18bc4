/**
 * Rules a reply must pass before any provider is called, shared by the API (which enforces them)
 * and the composer (which explains them before the user hits Send).
 */
import type { DndSettings } from './contacts';
import type { DndChannel } from './dnd';
import type { MessageType, SendType } from './messages';

export const SEND_TYPE_TO_MESSAGE_TYPE: Record<SendType, MessageType> = {
  SMS: 'TYPE_SMS',
  Email: 'TYPE_EMAIL',
  WhatsApp: 'TYPE_WHATSAPP',
  FB: 'TYPE_FACEBOOK',
  IG: 'TYPE_INSTAGRAM',
  Live_Chat: 'TYPE_LIVE_CHAT',
  GMB: 'TYPE_REVIEW',
};

export const SEND_TYPE_LABEL: Record<SendType, string> = {
  SMS: 'SMS',
  Email: 'Email',
  WhatsApp: 'WhatsApp',
  FB: 'Facebook',
  IG: 'Instagram',
  Live_Chat: 'Web chat',
  GMB: 'Google review reply',
};

/** The DND setting that governs a send type (web chat has none of its own: only global DND). */
export const SEND_TYPE_DND: Record<SendType, DndChannel | null> = {
  SMS: 'SMS',
  Email: 'Email',
  WhatsApp: 'WhatsApp',
  FB: 'FB',
  IG: 'IG',
  Live_Chat: null,
  GMB: 'GMB',
};

/** Channels with a customer-service window: only inside it may a business write freely. */
export const WINDOW_HOURS: Partial<Record<SendType, number>> = { WhatsApp: 24, FB: 24, IG: 24 };

/** Why DND forbids this send, in plain words, or null when it may go. */
export function dndRefusal(contact: { dnd: boolean; dndSettings: DndSettings }, type: SendType): string | null {
  if (contact.dnd) return 'Cannot send messages as DND is active for all channels.';
  const key = SEND_TYPE_DND[type];
  const status = key ? contact.dndSettings[key]?.status : undefined;
  if (status === 'active' || status === 'permanent') return `Cannot send messages as DND is active for ${SEND_TYPE_LABEL[type]}.`;
  return null;
}

/** The channels this contact can be written to, from their details and the channels they used. */
export function reachableSendTypes(contact: { phone: string | null; email: string | null }, used: MessageType[]): SendType[] {
  const out: SendType[] = [];
  if (contact.phone) out.push('SMS');
  if (contact.email) out.push('Email');
  if (used.includes('TYPE_WHATSAPP')) out.push('WhatsApp');
  if (used.includes('TYPE_FACEBOOK')) out.push('FB');
  if (used.includes('TYPE_INSTAGRAM') || used.includes('TYPE_INSTAGRAM_COMMENT')) out.push('IG');
  if (used.includes('TYPE_LIVE_CHAT')) out.push('Live_Chat');
  if (used.includes('TYPE_REVIEW')) out.push('GMB');
  return out;
}

/** The default reply channel: that of the contact's last inbound message, when reachable. */
export function defaultSendType(lastInbound: MessageType | null | undefined, reachable: SendType[]): SendType | null {
  const match = (Object.entries(SEND_TYPE_TO_MESSAGE_TYPE) as [SendType, MessageType][]).find(
    ([, t]) => t === lastInbound || (lastInbound === 'TYPE_INSTAGRAM_COMMENT' && t === 'TYPE_INSTAGRAM'),
  );
  if (match && reachable.includes(match[0])) return match[0];
  return reachable[0] ?? null;
}
