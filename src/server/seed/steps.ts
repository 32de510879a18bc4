/** The vocabulary of demo conversation scripts: a script is a list of steps built from a context. */
import type { Direction, MessageStatus, MessageType } from '#shared/messages';
import type { Clinic, Prices } from './corpus';
import type { Rng } from './random';

export interface Person {
  id: string;
  name: string;
  first: string;
}

export interface Ctx {
  clinic: Clinic;
  /** The contact. */
  first: string;
  name: string;
  /** The team member handling this conversation, and another member of the location. */
  staff: Person;
  other: Person;
  /** Prices formatted in the clinic's currency; money() formats any amount. */
  p: Record<keyof Prices, string>;
  money(amount: number, cents?: boolean): string;
  /** The US or the GB wording. */
  loc<T>(us: T, gb: T): T;
  /** A future appointment time, `days` after the script starts, as the clinic writes it. */
  slot(days: number, hour: number, minute?: number): string;
  rng: Rng;
}

export interface ActivityInfo {
  action: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
  /** Details of the record, merged into meta (e.g. { appointment: {...} }). */
  record?: Record<string, unknown>;
  /** Set when a system (not a team member) made the change: its name. */
  system?: string;
}

export interface Step {
  type: MessageType;
  direction: Direction;
  body: string | null;
  status?: MessageStatus;
  subject?: string;
  /** Calls: seconds. */
  duration?: number;
  /** Reviews: 1–5. */
  stars?: number;
  error?: { code: string; message: string };
  /** Internal comments: mention ctx.other. */
  mention?: boolean;
  /** Written by ctx.other instead of ctx.staff. */
  byOther?: boolean;
  activity?: ActivityInfo;
  /** Minutes since the previous step; the builder picks a short reply gap when absent. */
  after?: number;
}

export interface Script {
  id: string;
  /** Contact details the script needs (an SMS thread needs a phone). */
  needs?: ('phone' | 'email')[];
  /** A tag the contact gets, and where a contact who starts with this script came from. */
  tag?: string;
  source?: string;
  /** The story only makes sense as the first of the thread (e.g. the contact is created by it). */
  opener?: boolean;
  build(c: Ctx): Step[];
}

export const IN = 'inbound' as const;
export const OUT = 'outbound' as const;

type Extra = Partial<Step>;
const channel =
  (type: MessageType) =>
  (direction: Direction, body: string, x: Extra = {}): Step => ({ type, direction, body, ...x });

export const sms = channel('TYPE_SMS');
export const wa = channel('TYPE_WHATSAPP');
export const fb = channel('TYPE_FACEBOOK');
export const ig = channel('TYPE_INSTAGRAM');
export const igComment = channel('TYPE_INSTAGRAM_COMMENT');
export const chat = channel('TYPE_LIVE_CHAT');

export function email(direction: Direction, subject: string, body: string, x: Extra = {}): Step {
  return { type: 'TYPE_EMAIL', direction, body, subject, ...x };
}

export function call(direction: Direction, status: MessageStatus, duration: number, body: string | null = null, x: Extra = {}): Step {
  return { type: 'TYPE_CALL', direction, status, duration, body, ...x };
}

/** A Google review (inbound, with stars) or the clinic's reply (outbound). */
export function review(direction: Direction, body: string, stars?: number, x: Extra = {}): Step {
  return { type: 'TYPE_REVIEW', direction, body, stars, ...x };
}

export function note(body: string, mention = false, x: Extra = {}): Step {
  return { type: 'TYPE_INTERNAL_COMMENT', direction: OUT, body, mention, ...x };
}

const ACTIVITY_TYPES = {
  opportunity: 'TYPE_ACTIVITY_OPPORTUNITY',
  appointment: 'TYPE_ACTIVITY_APPOINTMENT',
  contact: 'TYPE_ACTIVITY_CONTACT',
  invoice: 'TYPE_ACTIVITY_INVOICE',
  payment: 'TYPE_ACTIVITY_PAYMENT',
} as const;

export function activity(kind: keyof typeof ACTIVITY_TYPES, summary: string, info: ActivityInfo, x: Extra = {}): Step {
  return { type: ACTIVITY_TYPES[kind], direction: OUT, body: summary, activity: info, ...x };
}

export const HOUR = 60;
export const DAY = 24 * 60;
