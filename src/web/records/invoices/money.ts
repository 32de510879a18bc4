/**
 * Money in the web app: formatting, reading amounts people type, and the totals preview of the
 * invoice form. The preview applies the server's exact rule (src/shared/invoices.ts: per line,
 * half-up, BigInt) — repeated here because the web may import only types from schema modules;
 * test/api/invoices.test.ts checks both agree. The server's totals are the ones that count.
 */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export function formatMoney(minor: number, currency: string): string {
  const d = minorDigits(currency);
  const abs = String(Math.abs(minor)).padStart(d + 1, '0');
  const text = d ? `${abs.slice(0, -d)}.${abs.slice(-d)}` : abs;
  try {
    const fmt = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d });
    return fmt.format(`${minor < 0 ? '-' : ''}${text}` as Intl.StringNumericLiteral);
  } catch {
    return `${minor < 0 ? '-' : ''}${text} ${currency}`;
  }
}

/** "1,200.5" → 120050 (USD); null when it is not an amount with at most the currency's decimals. */
export function parseMoney(text: string, currency: string): number | null {
  const d = minorDigits(currency);
  const m = /^(\d+)(?:\.(\d*))?$/.exec(text.trim().replace(/[,\s]/g, '').replace(/^[^\d.]+/, ''));
  if (!m || (m[2]?.length ?? 0) > d) return null;
  const minor = Number(m[1] + (m[2] ?? '').padEnd(d, '0'));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** "1.5" with 2 places → 150n; null when not a plain decimal with at most that many places. */
export function scaledText(text: string, places: number): bigint | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m || (m[2]?.length ?? 0) > places) return null;
  return BigInt(m[1] + (m[2] ?? '').padEnd(places, '0'));
}

const divHalfUp = (n: bigint, d: bigint) => (2n * n + d) / (2n * d);

/** One line: amount = quantity × unit price, tax = that × rate / 100, each rounded half-up. */
export function previewLine(quantity: string, unitPrice: number, taxRate: string): { amount: number; tax: number } | null {
  const q = scaledText(quantity, 2);
  const r = scaledText(taxRate || '0', 3);
  if (q === null || r === null) return null;
  const exact = q * BigInt(unitPrice);
  return { amount: Number(divHalfUp(exact, 100n)), tax: Number(divHalfUp(exact * r, 10_000_000n)) };
}

export function previewTotals(lines: ({ amount: number; tax: number } | null)[]) {
  let subtotal = 0;
  let tax = 0;
  for (const l of lines) {
    if (!l) continue;
    subtotal += l.amount;
    tax += l.tax;
  }
  return { subtotal, tax, total: subtotal + tax };
}

/** 45000 USD → "450.00": the text an amount field starts with. */
export function toAmountInput(minor: number, currency: string): string {
  const d = minorDigits(currency);
  const s = String(minor).padStart(d + 1, '0');
  return d ? `${s.slice(0, -d)}.${s.slice(-d)}` : s;
}

export const COMMON_CURRENCIES = ['USD', 'GBP', 'EUR', 'CAD', 'AUD'];
const BY_COUNTRY: Record<string, string> = { US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', IE: 'EUR', FR: 'EUR', DE: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR' };
/** The currency a new invoice starts with (the server defaults the same way). */
export const defaultCurrency = (country: string) => BY_COUNTRY[country] ?? 'USD';
