/** Money in the web app: integer minor units + ISO 4217 currency, shown and typed as amounts. */

/** Decimal places of a currency (USD 2, JPY 0); 2 when the browser does not know the code. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** 65000 USD → "$650", 65050 → "$650.50". */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  try {
    const whole = minor % 10 ** digits === 0;
    return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: whole ? 0 : digits }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
  }
}

/** Minor units → the amount as typed in a form ("650", "650.5" → "650.50"). */
export function toAmountInput(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (minor % 10 ** digits === 0) return String(minor / 10 ** digits);
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * "1,250.50" → 125050 minor units, exactly (no floating point); null when it is not an amount
 * (negative, letters, more decimals than the currency has).
 */
export function parseAmount(text: string, currency: string): number | null {
  if (text.includes('-')) return null;
  const t = text.replace(/[\s,]/g, '').replace(/^[^\d.]+/, '');
  if (t === '') return 0;
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === '' && !m[2])) return null;
  const digits = currencyDigits(currency);
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return null;
  const minor = Number(m[1] || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** A location's default currency, by its country (as the API decides). */
export const defaultCurrency = (country: string) => (country === 'GB' ? 'GBP' : 'USD');

/** The currencies offered in forms; any other ISO code already on a record is kept. */
export const COMMON_CURRENCIES = ['USD', 'GBP', 'EUR', 'CAD', 'AUD', 'NZD', 'CHF', 'AED'];
