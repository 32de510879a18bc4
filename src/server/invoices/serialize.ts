/** Invoice and transaction rows → API shapes. */
import { invoiceNumber, type Invoice, type InvoiceItem, type LinkDelivery, type Transaction } from '#shared/invoices';
import type { Secrets } from '../crypto/secrets';
import type { Queryable } from '../db/pool';
import { displayName } from '../contacts/serialize';

/** Dates are calendar dates: read as text, never through a JS Date (time zones would shift them). */
export const INVOICE_SELECT = `
  SELECT i.id, i.location_id, i.number, i.contact_id, i.status, i.currency, i.items, i.subtotal, i.tax, i.total, i.amount_paid,
         i.issue_date::text AS issue_date, i.due_date::text AS due_date, i.pay_token, i.link_delivery,
         i.sent_at, i.voided_at, i.created_at, i.updated_at, i.sent_at IS NOT NULL AS was_sent,
         c.first_name, c.last_name, c.phone, c.email
    FROM invoices i JOIN contacts c ON c.location_id = i.location_id AND c.id = i.contact_id`;

export interface InvoiceContext {
  publicUrl: string;
  secrets: Secrets;
}

export const payUrl = (publicUrl: string, token: string) => `${publicUrl}/pay/${token}`;

export function toInvoice(r: any, ctx: InvoiceContext): Invoice {
  return {
    id: r.id,
    number: invoiceNumber(r.number),
    contactId: r.contact_id,
    contactName: displayName(r),
    status: r.status,
    currency: r.currency,
    items: r.items as InvoiceItem[],
    subtotal: r.subtotal,
    tax: r.tax,
    total: r.total,
    amountPaid: r.amount_paid,
    amountDue: r.status === 'void' ? 0 : r.total - r.amount_paid,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    payUrl: r.pay_token ? payUrl(ctx.publicUrl, ctx.secrets.decrypt(r.pay_token)) : null,
    linkDelivery: (r.link_delivery as LinkDelivery | null) ?? null,
    sentAt: r.sent_at?.toISOString() ?? null,
    voidedAt: r.voided_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function toTransaction(r: any): Transaction {
  return {
    id: r.id,
    provider: r.provider,
    method: r.method,
    amount: r.amount,
    currency: r.currency,
    status: r.status,
    providerChargeId: r.provider_charge_id,
    reason: r.reason,
    note: r.note,
    createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? 'Team member' } : null,
    createdAt: r.created_at.toISOString(),
  };
}

export async function loadTransactions(db: Queryable, locationId: string, invoiceId: string): Promise<Transaction[]> {
  const r = await db.query(
    `SELECT t.*, u.name AS created_by_name FROM invoice_transactions t LEFT JOIN users u ON u.id = t.created_by
      WHERE t.location_id = $1 AND t.invoice_id = $2 ORDER BY t.created_at, t.id`,
    [locationId, invoiceId],
  );
  return r.rows.map(toTransaction);
}
