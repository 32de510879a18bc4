/**
 * Rules a reply must pass before any provider is called, shared by the API (which enforces them)
 * and the composer (which explains them before the user types). Everything per channel comes from
 * the channel catalog; `availability` is the one function both sides ask.
 */
import { CHANNEL_KINDS, SEND_KINDS, type IdentityKind } from './channel-catalog';
import type { DndSettings } from './contacts';
import type { DndChannel } from './dnd';
import type { MessageType, SendType } from './messages';

const mapKinds = <V>(f: (k: (typeof SEND_KINDS)[number]) => V) =>
  Object.fromEntries(SEND_KINDS.map((k) => [k.sendType, f(k)])) as Record<SendType, V>;

export const SEND_TYPE_TO_MESSAGE_TYPE: Record<SendType, MessageType> = mapKinds((k) => k.messageType);
export const SEND_TYPE_LABEL: Record<SendType, string> = mapKinds((k) => k.label);
/** The DND setting that governs a send type (web chat has none of its own: only global DND). */
export const SEND_TYPE_DND: Record<SendType, DndChannel | null> = mapKinds((k) => k.dnd);

export type RefusalCode = 'dnd_active' | 'messaging_window_closed' | 'channel_not_connected' | 'no_recipient';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** The window is closed but an approved template may still go (WhatsApp). */
  templatesOnly?: boolean;
}

export interface WindowState {
  /** When free-form replies stop being allowed (null: the contact never wrote on this channel). */
  closesAt: string | null;
  open: boolean;
  /** Closed, but a human agent's tagged reply is allowed until this time (Messenger HUMAN_AGENT). */
  humanAgentUntil: string | null;
}

export interface Availability {
  sendType: SendType;
  ok: boolean;
  refusal: Refusal | null;
  window: WindowState | null;
}

export interface SendContext {
  contact: { dnd: boolean; dndSettings: DndSettings; phone: string | null; email: string | null; additionalPhones?: string[]; additionalEmails?: string[] };
  /** The item types of the conversation so far (the channels the contact used). */
  used: readonly MessageType[];
  /** Identity kinds the contact is known to have beyond phone and e-mail, when known. */
  identities?: readonly IdentityKind[];
  /** Providers connected to the location; undefined when not known (not checked then). */
  connected?: readonly string[];
  /** The contact's last inbound message per item type (ISO times). */
  lastInbound: Partial<Record<string, string | null>>;
  now?: number;
}

/** Why DND forbids this send, in plain words, or null when it may go. */
export function dndRefusal(contact: { dnd: boolean; dndSettings: DndSettings }, type: SendType): string | null {
  if (contact.dnd) return 'Cannot send messages as DND is active for all channels.';
  const key = SEND_TYPE_DND[type];
  const status = key ? contact.dndSettings[key]?.status : undefined;
  if (status === 'active' || status === 'permanent') return `Cannot send messages as DND is active for ${SEND_TYPE_LABEL[type]}.`;
  return null;
}

const USED_IDENTITY: Partial<Record<IdentityKind, readonly MessageType[]>> = {
  messenger: ['TYPE_FACEBOOK'],
  instagram: ['TYPE_INSTAGRAM', 'TYPE_INSTAGRAM_COMMENT'],
  google: ['TYPE_REVIEW'],
  webchat: ['TYPE_LIVE_CHAT'],
};

/** Whether the contact has the identity a send on this channel needs. */
export function hasRecipient(ctx: Pick<SendContext, 'contact' | 'used' | 'identities'>, kind: IdentityKind): boolean {
  const c = ctx.contact;
  if (kind === 'phone') return !!c.phone || (c.additionalPhones?.length ?? 0) > 0;
  if (kind === 'email') return !!c.email || (c.additionalEmails?.length ?? 0) > 0;
  if (ctx.identities?.includes(kind)) return true;
  return (USED_IDENTITY[kind] ?? []).some((t) => ctx.used.includes(t));
}

const NO_RECIPIENT: Record<IdentityKind, string> = {
  phone: 'This contact has no phone number.',
  email: 'This contact has no e-mail address.',
  messenger: 'This contact has not written to the Facebook Page.',
  instagram: 'This contact has not written to the Instagram account.',
  google: 'This contact has not reviewed the practice on Google.',
  webchat: 'This contact has not used the web chat.',
};

const hoursText = (h: number) => (h % 24 === 0 ? `${h / 24 === 1 ? '24 hours' : `${h / 24} days`}` : `${h} hours`);

/** The messaging window of a channel for this contact, or null for channels without one. */
export function windowState(type: SendType, ctx: Pick<SendContext, 'lastInbound' | 'now'>): WindowState | null {
  const kind = CHANNEL_KINDS[type];
  if (!kind.window) return null;
  const last = ctx.lastInbound[kind.messageType];
  const now = ctx.now ?? Date.now();
  if (!last) return { closesAt: null, open: false, humanAgentUntil: null };
  const at = new Date(last).getTime();
  const closes = at + kind.window.hours * 3_600_000;
  const human = kind.window.outside === 'human_agent' && kind.window.humanAgentHours ? at + kind.window.humanAgentHours * 3_600_000 : null;
  return {
    closesAt: new Date(closes).toISOString(),
    open: now < closes,
    humanAgentUntil: human && now < human ? new Date(human).toISOString() : null,
  };
}

/**
 * Whether a reply may go on this channel, and if not, why — in the order the API refuses: DND,
 * connection, messaging window, recipient. The composer shows the same reason before typing.
 */
export function availability(type: SendType, ctx: SendContext): Availability {
  const kind = CHANNEL_KINDS[type];
  const window = windowState(type, ctx);
  const refuse = (refusal: Refusal): Availability => ({ sendType: type, ok: false, refusal, window });
  const dnd = dndRefusal(ctx.contact, type);
  if (dnd) return refuse({ code: 'dnd_active', message: dnd });
  if (!kind.builtIn && ctx.connected && !ctx.connected.includes(kind.provider)) {
    return refuse({ code: 'channel_not_connected', message: `No ${kind.label} channel is connected to this location yet.` });
  }
  if (window && !window.open && !window.humanAgentUntil && kind.window) {
    const templates = kind.window.outside === 'templates';
    const hours = hoursText(kind.window.hours);
    return refuse({
      code: 'messaging_window_closed',
      message: window.closesAt
        ? `${kind.label} allows replies only within ${hours} of the contact's last message, and that window is closed.${templates ? ' Send an approved template instead.' : ''}`
        : `${kind.label} allows replies only within ${hours} of the contact's last message, and they have not written on ${kind.label} yet.${templates ? ' Send an approved template instead.' : ''}`,
      templatesOnly: templates,
    });
  }
  if (!hasRecipient(ctx, kind.recipient)) return refuse({ code: 'no_recipient', message: NO_RECIPIENT[kind.recipient] });
  return { sendType: type, ok: true, refusal: null, window };
}

/** The channels a reply could be written on for this contact: those they have an address for. */
export function reachableSendTypes(contact: SendContext['contact'], used: readonly MessageType[], identities?: readonly IdentityKind[]): SendType[] {
  return SEND_KINDS.filter((k) => hasRecipient({ contact, used, identities }, k.recipient)).map((k) => k.sendType);
}

/** The default reply channel: the one that answers the contact's last inbound message, when reachable. */
export function defaultSendType(lastInbound: MessageType | null | undefined, reachable: SendType[]): SendType | null {
  const match = SEND_KINDS.find((k) => lastInbound && k.answers.includes(lastInbound));
  if (match && reachable.includes(match.sendType)) return match.sendType;
  return reachable[0] ?? null;
}
