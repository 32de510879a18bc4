/** The composer's piece per send type (#shared/channel-catalog's composer fields say which a channel has). */
import type { SendType } from '#shared/messages';
import { emailPart } from './email';
import { reviewPart } from './review';
import { smsPart } from './sms';
import type { ComposerPart } from './types';

export const COMPOSER_PARTS: Partial<Record<SendType, ComposerPart>> = {
  SMS: smsPart,
  Email: emailPart,
  GMB: reviewPart,
};

export const partOf = (type: SendType | null): ComposerPart => (type && COMPOSER_PARTS[type]) || {};

export type { ComposerFields, ComposerPart, PartProps } from './types';
