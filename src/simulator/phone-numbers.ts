/** Phone-number facts the simulator needs: E.164 checks, Twilio's geo fields, SMS segments. */

export const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164.test(value);
}

/**
 * A number from a query string: `?number=+1555…` unencoded arrives as ` 1555…` (a `+` is a space
 * in form encoding), so a leading space or digit gets its `+` back.
 */
export function numberFromQuery(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  return /^\d/.test(v) ? `+${v}` : v;
}

const COUNTRIES: Array<[string, string]> = [
  ['+1', 'US'],
  ['+44', 'GB'],
  ['+61', 'AU'],
  ['+64', 'NZ'],
  ['+353', 'IE'],
  ['+33', 'FR'],
  ['+49', 'DE'],
  ['+34', 'ES'],
];

/** A few North American area codes, so the geo fields look like Twilio's for common demo numbers. */
const AREA_CODES: Record<string, [city: string, state: string, zip: string]> = {
  '202': ['WASHINGTON', 'DC', '20005'],
  '206': ['SEATTLE', 'WA', '98101'],
  '212': ['NEW YORK', 'NY', '10001'],
  '305': ['MIAMI', 'FL', '33101'],
  '310': ['LOS ANGELES', 'CA', '90024'],
  '312': ['CHICAGO', 'IL', '60601'],
  '415': ['SAN FRANCISCO', 'CA', '94105'],
  '512': ['AUSTIN', 'TX', '78701'],
  '617': ['BOSTON', 'MA', '02108'],
};

/** `{From}City`, `{From}State`, `{From}Zip`, `{From}Country`; Twilio sends empty strings when unknown. */
export function geoFields(prefix: string, number: string): Record<string, string> {
  const country = COUNTRIES.find(([code]) => number.startsWith(code))?.[1] ?? '';
  const [city, state, zip] = country === 'US' ? (AREA_CODES[number.slice(2, 5)] ?? ['', '', '']) : ['', '', ''];
  return {
    [`${prefix}City`]: city,
    [`${prefix}State`]: state,
    [`${prefix}Zip`]: zip,
    [`${prefix}Country`]: country,
  };
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** Number of SMS segments: GSM-7 (160, or 153 per part) or UCS-2 (70, or 67 per part). */
export function segmentCount(body: string): number {
  if (body.length === 0) return 1;
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = body.length; // UTF-16 code units
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
