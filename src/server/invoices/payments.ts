/**
 * Money moving on an invoice — a manual payment (cash, card terminal) or what Stripe reports
 * (payment, failure, refund, processing): one transaction row, the invoice's amount paid and
 * status, a TYPE_ACTIVITY_PAYMENT card and an invoice.updated event, all in the caller's
 * transaction, with the invoice row locked.
 */
import type { ActivityActor } from '#shared/activity';
import type { Invoice, InvoiceDetail, InvoiceStatus, PaymentCreate } from '#shared/invoices';
import { withTx, type Tx } from '../db/tx';
import { AppError, conflict } from '../http/errors';
import type { Deps } from '../http/types';
import { invoiceChanges, money, paymentCard } from './cards';
import { loadTransactions, type InvoiceContext } from './serialize';
import { contextOf, emitInvoice, loadInvoice } from './service';

export interface MoneyEvent {
  kind: 'succeeded' | 'failed' | 'refunded' | 'processing';
  provider: 'manual' | 'stripe';
  method: 'cash' | 'card_terminal' | 'other' | 'card';
  amount: number;
  currency: string;
  chargeId?: string | null;
  eventId?: string | null;
  note?: string | null;
  reason?: string | null;
  userId?: string | null;
  actor: ActivityActor;
}

const METHOD_LABEL: Record<MoneyEvent['method'], string> = { cash: 'cash', card_terminal: 'card terminal', other: 'other', card: 'card' };

function statusAfter(inv: Invoice, paid: number, processing: boolean): InvoiceStatus {
  if (inv.status === 'void') return 'void';
  if (paid > 0 && paid >= inv.total) return 'paid';
  if (processing) return 'payment_processing';
  if (paid > 0) return 'partially_paid';
  return inv.sentAt ? 'sent' : 'draft';
}

function cardText(before: Invoice, after: Invoice, e: MoneyEvent): { action: string; summary: string } {
  const amt = money(after, e.amount);
  const how = e.provider === 'stripe' ? `${METHOD_LABEL[e.method]}, Stripe` : METHOD_LABEL[e.method];
  switch (e.kind) {
    case 'succeeded':
      return after.status === 'paid'
        ? { action: 'paid', summary: `Payment received: ${amt} (${how}) — ${after.number} paid in full` }
        : { action: 'partially_paid', summary: `Partial payment received: ${amt} (${how}) — ${money(after, after.amountDue)} still due on ${after.number}` };
    case 'refunded':
      return { action: 'refunded', summary: `Refund: ${amt} returned on ${after.number} — ${money(after, after.amountDue)} now due` };
    case 'processing':
      return { action: 'payment_processing', summary: `Payment of ${amt} processing for ${after.number}` };
    default:
      return { action: 'payment_failed', summary: `Payment failed: ${money(before, e.amount)} for ${after.number} (${e.reason ?? 'declined'})` };
  }
}

/**
 * Applies the event to the (locked) invoice. A Stripe charge already counted answers
 * 'duplicate_charge' and changes nothing.
 */
export async function applyMoneyEvent(tx: Tx, ctx: InvoiceContext, locationId: string, before: Invoice, e: MoneyEvent): Promise<{ outcome: string; invoice: Invoice }> {
  if (e.kind !== 'processing') {
    const status = e.kind === 'failed' ? 'failed' : e.kind;
    const ins = await tx.query(
      `INSERT INTO invoice_transactions (location_id, invoice_id, provider, method, amount, currency, status, provider_charge_id,
                                         stripe_event_id, reason, note, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (location_id, provider, provider_charge_id) WHERE status = 'succeeded' AND provider_charge_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [locationId, before.id, e.provider, e.method, e.amount, e.currency, status, e.chargeId ?? null, e.eventId ?? null, e.reason ?? null, e.note ?? null, e.userId ?? null],
    );
    if (ins.rowCount === 0) return { outcome: 'duplicate_charge', invoice: before };
  }
  const paid = before.amountPaid + (e.kind === 'succeeded' ? e.amount : e.kind === 'refunded' ? -e.amount : 0);
  const status = statusAfter(before, paid, e.kind === 'processing');
  // A failed attempt (declined, amount mismatch) leaves the invoice as it was.
  if (paid !== before.amountPaid || status !== before.status) {
    await tx.query(`UPDATE invoices SET amount_paid = $3, status = $4, updated_at = now() WHERE location_id = $1 AND id = $2`, [locationId, before.id, paid, status]);
  }
  const after = await loadInvoice(tx, ctx, locationId, before.id);
  const { action, summary } = cardText(before, after, e);
  await paymentCard(tx, locationId, after, {
    action,
    summary,
    actor: e.actor,
    changes: invoiceChanges(before, after),
    details: {
      amount: e.amount,
      method: e.method,
      provider: e.provider,
      ...(e.reason && { reason: e.reason }),
      ...(e.chargeId && { providerChargeId: e.chargeId }),
    },
  });
  emitInvoice(tx, locationId, 'invoice.updated', after);
  return { outcome: action, invoice: after };
}

/** POST /invoices/{id}/payments: cash, card terminal or other, at most the amount due. */
export async function recordManualPayment(deps: Deps, locationId: string, id: string, body: PaymentCreate, actor: ActivityActor): Promise<InvoiceDetail> {
  const ctx = contextOf(deps);
  return withTx(deps.pool, async (tx) => {
    const inv = await loadInvoice(tx, ctx, locationId, id, true);
    if (inv.status === 'void') throw conflict('invoice_void', `Invoice ${inv.number} is void: it takes no payments.`);
    if (body.amount > inv.amountDue) {
      throw new AppError(
        422,
        'overpayment',
        inv.amountDue === 0
          ? `Invoice ${inv.number} is paid in full: nothing is due.`
          : `A payment of ${money(inv, body.amount)} is more than the ${money(inv, inv.amountDue)} due on ${inv.number}.`,
        { amountDue: inv.amountDue, fields: [{ field: 'body.amount', message: `must be at most ${inv.amountDue}` }] },
      );
    }
    const { invoice } = await applyMoneyEvent(tx, ctx, locationId, inv, {
      kind: 'succeeded',
      provider: 'manual',
      method: body.method,
      amount: body.amount,
      currency: inv.currency,
      note: body.note ?? null,
      userId: actor.type === 'user' ? (actor.id ?? null) : null,
      actor,
    });
    return { ...invoice, transactions: await loadTransactions(tx, locationId, id) };
  });
}
