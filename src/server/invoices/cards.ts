/**
 * The invoice's Activity Cards: TYPE_ACTIVITY_INVOICE (created, updated, sent, voided) and
 * TYPE_ACTIVITY_PAYMENT (payment received, partial, refund, failed, processing). Both open the
 * invoice (record {type: 'invoice', id}). Written in the transaction of the change.
 */
import type { ActivityActor } from '#shared/activity';
import { formatMoney, type Invoice, type InvoiceStatus } from '#shared/invoices';
import { recordActivity } from '../activity/record';
import type { Tx } from '../db/tx';

export const STATUS_LABEL: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  payment_processing: 'Payment processing',
  partially_paid: 'Partially paid',
  paid: 'Paid',
  void: 'Void',
};

/** 2025-12-03 → "Dec 3" (this year) or "Dec 3, 2026". A calendar date: formatted in UTC. */
export function shortDate(date: string, now = new Date()): string {
  const d = new Date(`${date}T00:00:00Z`);
  const sameYear = d.getUTCFullYear() === now.getUTCFullYear();
  return new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', year: sameYear ? undefined : 'numeric', timeZone: 'UTC' }).format(d);
}

export const money = (inv: Pick<Invoice, 'currency'>, minor: number) => formatMoney(minor, inv.currency);
export const dueText = (inv: Invoice) => (inv.dueDate ? `due ${shortDate(inv.dueDate)}` : 'due on receipt');

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** "Botox × 1 @ $240.00, Peel × 2 @ $50.00" (shortened), for a card's before → after. */
function itemsText(inv: Invoice): string {
  const text = inv.items.map((i) => `${i.name} × ${i.quantity} @ ${money(inv, i.unitPrice)}${i.taxRate ? ` +${i.taxRate}%` : ''}`).join(', ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

/** What changed between two versions of an invoice, as shown on a card (money and labels formatted). */
export function invoiceChanges(before: Invoice, after: Invoice): Changes {
  const out: Changes = {};
  const add = (field: string, from: unknown, to: unknown) => {
    if (JSON.stringify(from) !== JSON.stringify(to)) out[field] = { from, to };
  };
  add('status', STATUS_LABEL[before.status], STATUS_LABEL[after.status]);
  add('total', money(before, before.total), money(after, after.total));
  add('amountPaid', money(before, before.amountPaid), money(after, after.amountPaid));
  add('dueDate', before.dueDate ? shortDate(before.dueDate) : 'On receipt', after.dueDate ? shortDate(after.dueDate) : 'On receipt');
  add('issueDate', shortDate(before.issueDate), shortDate(after.issueDate));
  add('items', itemsText(before), itemsText(after));
  return out;
}

function snapshot(inv: Invoice) {
  return {
    number: inv.number,
    status: inv.status,
    currency: inv.currency,
    total: inv.total,
    amountPaid: inv.amountPaid,
    amountDue: inv.amountDue,
    dueDate: inv.dueDate,
  };
}

interface Card {
  action: string;
  summary: string;
  actor: ActivityActor;
  changes?: Changes;
  details?: Record<string, unknown>;
}

/** A TYPE_ACTIVITY_INVOICE card. */
export function invoiceCard(tx: Tx, locationId: string, inv: Invoice, c: Card) {
  return recordActivity(tx, {
    locationId,
    contactId: inv.contactId,
    summary: c.summary,
    action: c.action,
    record: { type: 'invoice', id: inv.id },
    actor: c.actor,
    ...(c.changes && Object.keys(c.changes).length > 0 && { changes: c.changes }),
    details: { ...snapshot(inv), ...c.details },
  });
}

/** A TYPE_ACTIVITY_PAYMENT card: it opens the invoice. */
export function paymentCard(tx: Tx, locationId: string, inv: Invoice, c: Card) {
  return recordActivity(tx, {
    locationId,
    contactId: inv.contactId,
    summary: c.summary,
    action: c.action,
    kind: 'payment',
    record: { type: 'invoice', id: inv.id },
    actor: c.actor,
    ...(c.changes && Object.keys(c.changes).length > 0 && { changes: c.changes }),
    details: { ...snapshot(inv), ...c.details },
  });
}
