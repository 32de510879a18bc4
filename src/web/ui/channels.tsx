/** One recognisable icon and colour per channel, used everywhere a channel is shown. */
import {
  Activity,
  CalendarCheck,
  CreditCard,
  Globe,
  Mail,
  MessageSquare,
  Phone,
  Receipt,
  ShieldOff,
  StickyNote,
  Target,
  type LucideProps,
} from 'lucide-react';
import type { ComponentType } from 'react';
import type { MessageType, SendType } from '#shared/messages';
import { MESSAGE_KINDS, type IconKey } from '#shared/channel-catalog';
import { SEND_TYPE_TO_MESSAGE_TYPE } from '#shared/send-rules';

type Icon = ComponentType<LucideProps>;

const brand =
  (path: string, viewBox = '0 0 24 24'): Icon =>
  ({ size = 16, className, ...rest }) => (
    <svg width={size} height={size} viewBox={viewBox} fill="currentColor" className={className} aria-hidden="true" {...(rest as object)}>
      <path d={path} />
    </svg>
  );

const FacebookIcon = brand(
  'M13.5 21v-7.5h2.6l.4-3h-3V8.6c0-.9.3-1.5 1.5-1.5h1.6V4.4c-.3 0-1.2-.1-2.3-.1-2.3 0-3.8 1.4-3.8 3.9v2.3H8v3h2.5V21h3Z',
);
const InstagramIcon = brand(
  'M12 7.3a4.7 4.7 0 1 0 0 9.4 4.7 4.7 0 0 0 0-9.4Zm0 7.7a3 3 0 1 1 0-6 3 3 0 0 1 0 6Zm6-7.9a1.1 1.1 0 1 1-2.2 0 1.1 1.1 0 0 1 2.2 0ZM21 7.9c0-1.4-.4-2.6-1.4-3.6s-2.2-1.3-3.6-1.4H8c-1.4 0-2.6.4-3.6 1.4S3 6.5 3 7.9v8.2c0 1.4.4 2.6 1.4 3.6s2.2 1.3 3.6 1.4h8c1.4 0 2.6-.4 3.6-1.4s1.3-2.2 1.4-3.6V7.9Zm-2 8.4c0 .9-.4 1.7-1 2.3-.6.6-1.5.9-2.3 1H8.3c-.9 0-1.7-.4-2.3-1-.6-.6-.9-1.4-1-2.3V7.7c0-.9.4-1.7 1-2.3.6-.6 1.4-.9 2.3-1h7.4c.9 0 1.7.4 2.3 1 .6.6.9 1.4 1 2.3v8.6Z',
);
const WhatsAppIcon = brand(
  'M12 3a9 9 0 0 0-7.7 13.6L3 21l4.5-1.2A9 9 0 1 0 12 3Zm0 16.4c-1.4 0-2.8-.4-4-1.1l-.3-.2-2.7.7.7-2.6-.2-.3A7.4 7.4 0 1 1 12 19.4Zm4.1-5.5c-.2-.1-1.3-.7-1.5-.7-.2-.1-.4-.1-.5.1l-.7.9c-.1.2-.3.2-.5.1a6 6 0 0 1-3-2.6c-.2-.4.2-.4.7-1.3.1-.1 0-.3 0-.4l-.7-1.6c-.2-.4-.4-.4-.5-.4h-.5a.9.9 0 0 0-.6.3c-.2.2-.8.8-.8 1.9s.8 2.2.9 2.4c.1.1 1.6 2.5 4 3.5 1.5.6 2.1.7 2.8.6.5-.1 1.3-.6 1.5-1.1.2-.5.2-1 .1-1.1l-.7-.5Z',
);
const GoogleIcon = brand(
  'M21.6 12.2c0-.7-.1-1.3-.2-1.9H12v3.6h5.4a4.6 4.6 0 0 1-2 3v2.5h3.2c1.9-1.7 3-4.3 3-7.2ZM12 22c2.7 0 5-.9 6.6-2.4l-3.2-2.5c-.9.6-2 1-3.4 1-2.6 0-4.8-1.8-5.6-4.1H3.1v2.6A10 10 0 0 0 12 22Zm-5.6-8a6 6 0 0 1 0-3.9V7.5H3.1a10 10 0 0 0 0 9l3.3-2.5ZM12 6c1.5 0 2.8.5 3.8 1.5l2.9-2.9A10 10 0 0 0 3.1 7.5l3.3 2.6C7.2 7.8 9.4 6 12 6Z',
);

export interface ChannelMeta {
  label: string;
  icon: Icon;
  /** CSS colour (a token) — readable on white as text and as a tinted background. */
  color: string;
}

const ICONS: Record<IconKey, { icon: Icon; color: string }> = {
  sms: { icon: MessageSquare, color: 'var(--ch-sms)' },
  call: { icon: Phone, color: 'var(--ch-call)' },
  email: { icon: Mail, color: 'var(--ch-email)' },
  facebook: { icon: FacebookIcon, color: 'var(--ch-facebook)' },
  instagram: { icon: InstagramIcon, color: 'var(--ch-instagram)' },
  whatsapp: { icon: WhatsAppIcon, color: 'var(--ch-whatsapp)' },
  google: { icon: GoogleIcon, color: 'var(--ch-google)' },
  webchat: { icon: Globe, color: 'var(--ch-chat)' },
  note: { icon: StickyNote, color: 'var(--ch-comment)' },
  opportunity: { icon: Target, color: 'var(--ch-activity)' },
  appointment: { icon: CalendarCheck, color: 'var(--ch-activity)' },
  dnd: { icon: ShieldOff, color: 'var(--ch-activity)' },
  invoice: { icon: Receipt, color: 'var(--ch-activity)' },
  payment: { icon: CreditCard, color: 'var(--ch-activity)' },
};

/** Label, icon and colour of every item type, from the channel catalog (#shared/channel-catalog). */
export const CHANNELS = Object.fromEntries(
  Object.entries(MESSAGE_KINDS).map(([type, k]) => [type, { label: k.label, ...ICONS[k.icon] }]),
) as Record<MessageType, ChannelMeta>;

export const channelOfSendType = (t: SendType): ChannelMeta => CHANNELS[SEND_TYPE_TO_MESSAGE_TYPE[t]];

export function ChannelIcon({ type, size = 14, title }: { type: MessageType; size?: number; title?: string }) {
  const meta = CHANNELS[type] ?? { label: type, icon: Activity, color: 'var(--muted)' };
  const Icon = meta.icon;
  return (
    <span className="channel-icon" style={{ color: meta.color }} title={title ?? meta.label} role="img" aria-label={title ?? meta.label}>
      <Icon size={size} strokeWidth={2} aria-hidden="true" />
    </span>
  );
}
