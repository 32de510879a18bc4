/**
 * SMS length as carriers count it (no zod: the composer imports this). GSM-7 fits 160 characters in
 * one segment and 153 per segment when split; extension characters (€ [ ] { } ~ ^ \ |) take two.
 * Any other character (emoji, most accents) switches the message to UCS-2: 70, then 67 per segment.
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';
const BASIC = new Set(GSM_BASIC);
const EXTENDED = new Set(GSM_EXTENDED);

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Units used: septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
  segments: number;
  /** Units that fit in one segment at the current size (160/153 or 70/67). */
  perSegment: number;
  /** Units left before the next segment starts. */
  remaining: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENDED.has(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const units = gsm ? septets : text.length; // UTF-16 code units (an emoji is two)
  const single = gsm ? 160 : 70;
  const multi = gsm ? 153 : 67;
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const perSegment = segments <= 1 ? single : multi;
  const capacity = segments <= 1 ? single : segments * multi;
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments, perSegment, remaining: capacity - units };
}

/** The line added to the first SMS a practice sends a contact, unless the location set its own (or none). */
export const DEFAULT_OPT_OUT_LINE = 'Reply STOP to unsubscribe.';
