/**
 * A channel's piece of the composer, looked up by send type (channels/index.ts): the fields it adds
 * (above the text, in the bar), what it adds to POST …/messages, and why Send must wait. The
 * composer itself knows no channel by name.
 */
import type { ComponentType } from 'react';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { SendType } from '#shared/messages';

/** The composer fields a channel may use (kept per conversation by the composer; subject goes in the draft). */
export interface ComposerFields {
  subject: string;
  fromNumber: string;
  toNumber: string;
}

export interface PartProps {
  type: SendType;
  text: string;
  fields: ComposerFields;
  setField<K extends keyof ComposerFields>(k: K, v: ComposerFields[K]): void;
  contact: Contact;
  conversation: Conversation;
}

export interface ComposerPart {
  /** Fields above the text (a subject). */
  Above?: ComponentType<PartProps>;
  /** Controls in the composer's bar (number pickers, a counter). */
  Bar?: ComponentType<PartProps>;
  /** A notice under the text (a public reply). */
  Notice?: ComponentType<PartProps>;
  /** What this channel adds to the send request. */
  payload?(p: Pick<PartProps, 'fields' | 'text'>): Record<string, unknown>;
  /** Why Send must wait (shown as the button's title). */
  blocker?(p: Pick<PartProps, 'fields' | 'text'>): string | null;
}
