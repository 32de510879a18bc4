/** Twilio-shaped identifiers and dates. */
import { randomBytes } from 'node:crypto';

/** Resource sids are a two-letter type prefix and 32 lowercase hex digits (34 characters). */
export type SidPrefix = 'SM' | 'MM' | 'ME' | 'CA' | 'RE' | 'PN' | 'RQ';

export function newSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** RFC 2822 as Twilio writes it: `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}
