/** Labels and dates for invoices in the web app. */
import type { InvoiceStatus, Transaction } from '#shared/invoices';

export const STATUS_LABEL: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  payment_processing: 'Processing',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

export const METHOD_LABEL: Record<Transaction['method'], string> = { cash: 'Cash', card_terminal: 'Card terminal', other: 'Other', card: 'Card' };
export const TX_STATUS_LABEL: Record<Transaction['status'], string> = { succeeded: 'Succeeded', failed: 'Failed', refunded: 'Refunded' };

/** A calendar date (YYYY-MM-DD) as "Dec 3, 2025": formatted in UTC so it never shifts a day. */
export function shortDate(date: string): string {
  return new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}
