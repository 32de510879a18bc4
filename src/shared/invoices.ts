/**
 * Invoices, their transactions and the Stripe integration: the API contract, and the exact money
 * arithmetic. Money is integer minor units + currency; totals are computed with BigInt, never floats.
 *
 * Rounding (documented rule): PER LINE. Each line's amount is quantity × unitPrice and its tax is
 * quantity × unitPrice × taxRate / 100, each rounded half-up to the minor unit from the exact
 * value; subtotal, tax and total are the sums of the rounded lines. (Two lines with 0.5¢ of tax
 * each make 2¢ of tax, not the 1¢ rounding the total would give.)
 */
import { z } from 'zod';
import { IsoDate, ListQuery } from './common';

export const INVOICE_STATUSES = ['draft', 'sent', 'payment_processing', 'partially_paid', 'paid', 'void'] as const;
export const InvoiceStatus = z.enum(INVOICE_STATUSES);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const PAYMENT_METHODS = ['cash', 'card_terminal', 'other'] as const;
export const TRANSACTION_STATUSES = ['succeeded', 'failed', 'refunded'] as const;

const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const Currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{3}$/.test(c) && KNOWN_CURRENCIES.has(c), 'must be an ISO 4217 currency code such as USD or GBP');

/** A decimal with at most `places` decimals, read from its shortest text form (what JSON sent). */
const decimal = (places: number, max: number) =>
  z
    .number()
    .min(0)
    .max(max)
    .refine((v) => new RegExp(`^\\d+(\\.\\d{1,${places}})?$`).test(String(v)), `must have at most ${places} decimal places`);

export const InvoiceItemInput = z.object({
  name: z.string().trim().min(1).max(200),
  quantity: decimal(2, 1_000_000).refine((q) => q > 0, 'must be more than 0').describe('Integer or decimal with up to 2 places'),
  unitPrice: z.number().int().min(0).max(10_000_000_000).describe('Minor units (cents)'),
  taxRate: decimal(3, 100).default(0).describe('Percent, e.g. 8.875'),
});
export type InvoiceItemInput = z.input<typeof InvoiceItemInput>;

const Items = z.array(InvoiceItemInput).min(1).max(100);
const DateOnly = z.iso.date().describe('YYYY-MM-DD');

export const InvoiceCreateSchema = z
  .object({
    contactId: z.uuid(),
    items: Items,
    currency: Currency.optional().describe("Default: the location country's currency"),
    issueDate: DateOnly.optional().describe("Default: today in the location's time zone"),
    dueDate: DateOnly.nullable().optional().describe('Absent or null: due on receipt'),
  })
  .refine((b) => !b.dueDate || !b.issueDate || b.dueDate >= b.issueDate, { message: 'must not be before issueDate', path: ['dueDate'] });
export type InvoiceCreate = z.infer<typeof InvoiceCreateSchema>;

export const InvoicePatchSchema = z.object({
  items: Items.optional().describe('Drafts only'),
  currency: Currency.optional().describe('Drafts only'),
  issueDate: DateOnly.optional().describe('Drafts only'),
  dueDate: DateOnly.nullable().optional(),
});
export type InvoicePatch = z.infer<typeof InvoicePatchSchema>;

export const PaymentCreateSchema = z.object({
  amount: z.number().int().min(1).describe('Minor units; at most the amount due'),
  method: z.enum(PAYMENT_METHODS),
  note: z.string().trim().max(500).optional(),
});
export type PaymentCreate = z.infer<typeof PaymentCreateSchema>;

export const InvoiceListQuery = ListQuery.extend({
  contactId: z.uuid().optional(),
  status: InvoiceStatus.optional(),
});

export const InvoiceItemSchema = z.object({
  name: z.string(),
  quantity: z.number(),
  unitPrice: z.number().int(),
  taxRate: z.number(),
  amount: z.number().int().describe('quantity × unitPrice, rounded half-up'),
  tax: z.number().int().describe('amount before rounding × taxRate / 100, rounded half-up'),
});
export type InvoiceItem = z.infer<typeof InvoiceItemSchema>;

export const TransactionSchema = z
  .object({
    id: z.uuid(),
    provider: z.enum(['manual', 'stripe']),
    method: z.enum([...PAYMENT_METHODS, 'card']),
    amount: z.number().int(),
    currency: z.string(),
    status: z.enum(TRANSACTION_STATUSES),
    providerChargeId: z.string().nullable(),
    reason: z.string().nullable().describe('Why a transaction failed (e.g. amount mismatch)'),
    note: z.string().nullable(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: IsoDate,
  })
  .meta({ id: 'InvoiceTransaction' });
export type Transaction = z.infer<typeof TransactionSchema>;

export const LinkDeliverySchema = z.object({
  channel: z.enum(['SMS']).nullable().describe('null: the link could not be sent'),
  to: z.string().nullable(),
  messageId: z.uuid().nullable(),
  reason: z.string().nullable().describe('Why the link was not sent'),
  at: IsoDate,
});
export type LinkDelivery = z.infer<typeof LinkDeliverySchema>;

export const InvoiceSchema = z
  .object({
    id: z.uuid(),
    number: z.string().describe('INV-0001: a per-location sequence without gaps'),
    contactId: z.uuid(),
    contactName: z.string(),
    status: InvoiceStatus,
    currency: z.string(),
    items: z.array(InvoiceItemSchema),
    subtotal: z.number().int(),
    tax: z.number().int(),
    total: z.number().int(),
    amountPaid: z.number().int(),
    amountDue: z.number().int(),
    issueDate: z.string(),
    dueDate: z.string().nullable(),
    payUrl: z.string().nullable().describe('The public payment page, once sent'),
    linkDelivery: LinkDeliverySchema.nullable(),
    sentAt: IsoDate.nullable(),
    voidedAt: IsoDate.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Invoice' });
export type Invoice = z.infer<typeof InvoiceSchema>;

export const InvoiceDetailSchema = InvoiceSchema.extend({ transactions: z.array(TransactionSchema) }).meta({ id: 'InvoiceDetail' });
export type InvoiceDetail = z.infer<typeof InvoiceDetailSchema>;

export const StripeIntegrationPutSchema = z.object({
  webhookSecret: z.string().trim().regex(/^whsec_\S{6,200}$/, 'must be the endpoint signing secret (whsec_…)'),
  secretKey: z.string().trim().regex(/^(sk|rk)_(test|live)_\S{6,200}$/, 'must be a secret or restricted key (sk_… / rk_…)').optional(),
});
export const StripeIntegrationSchema = z.object({
  connected: z.boolean(),
  webhookUrl: z.string().describe('Paste into Stripe as the endpoint URL'),
  hasSecretKey: z.boolean().describe('Whether a secret key was stored with the webhook secret (neither is ever returned)'),
  connectedAt: IsoDate.nullable().describe('When the secrets were last stored; null when not connected'),
});
export type StripeIntegration = z.infer<typeof StripeIntegrationSchema>;

// ---- exact arithmetic ----

/** 1.5 with 2 places → 150n, read from the decimal text (no float multiplication). */
export function scaled(value: number, places: number): bigint {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(value));
  if (!m || (m[2]?.length ?? 0) > places) throw new RangeError(`${value} has more than ${places} decimal places`);
  return BigInt(m[1] + (m[2] ?? '').padEnd(places, '0'));
}

/** n / d rounded half-up, for n ≥ 0 and d > 0. */
export const divHalfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

export function lineTotals(item: { quantity: number; unitPrice: number; taxRate?: number }): { amount: number; tax: number } {
  const exact = scaled(item.quantity, 2) * BigInt(item.unitPrice); // × 100
  return {
    amount: Number(divHalfUp(exact, 100n)),
    // quantity·100 × unitPrice × rate·1000 / (100 × 100 × 1000)
    tax: Number(divHalfUp(exact * scaled(item.taxRate ?? 0, 3), 10_000_000n)),
  };
}

export function computeTotals(items: { quantity: number; unitPrice: number; taxRate?: number }[]) {
  let subtotal = 0n;
  let tax = 0n;
  const lines = items.map((i) => {
    const t = lineTotals(i);
    subtotal += BigInt(t.amount);
    tax += BigInt(t.tax);
    return t;
  });
  const total = subtotal + tax;
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('invoice total too large');
  return { lines, subtotal: Number(subtotal), tax: Number(tax), total: Number(total) };
}

export const invoiceNumber = (n: number) => `INV-${String(n).padStart(4, '0')}`;

export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 45000 USD → "$450.00" (exact: formatted from a decimal string). */
export function formatMoney(minor: number, currency: string): string {
  const d = minorDigits(currency);
  const abs = String(Math.abs(minor)).padStart(d + 1, '0');
  const text = d ? `${abs.slice(0, -d)}.${abs.slice(-d)}` : abs;
  const fmt = new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: d, maximumFractionDigits: d });
  return fmt.format(`${minor < 0 ? '-' : ''}${text}` as Intl.StringNumericLiteral);
}

/** The location country's currency (a default for new invoices). */
const COUNTRY_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', CA: 'CAD', AU: 'AUD', NZ: 'NZD', IE: 'EUR', FR: 'EUR', DE: 'EUR', ES: 'EUR', IT: 'EUR', NL: 'EUR',
  BE: 'EUR', PT: 'EUR', AT: 'EUR', FI: 'EUR', GR: 'EUR', CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', AE: 'AED', SG: 'SGD',
  MX: 'MXN', BR: 'BRL', IN: 'INR', JP: 'JPY', ZA: 'ZAR',
};
export const currencyForCountry = (country: string) => COUNTRY_CURRENCY[country.toUpperCase()] ?? 'USD';
