/**
 * POST /webhooks/stripe/{locationId}: Stripe's events about an invoice's payments.
 *
 * Unknown location or Stripe not connected → 404. Missing, malformed, stale or wrong signature →
 * 400 (Stripe's own convention: its libraries raise a signature error and its docs answer 400);
 * nothing is stored before the signature holds. Then one transaction: the event id is recorded in
 * stripe_events (a redelivery finds it and answers 200 doing nothing) together with the event's
 * effects. An event we cannot apply (unknown invoice, another location's invoice, a type we do
 * not handle) answers 200 and is logged: retrying would not help. A payment whose amount or
 * currency does not fit the invoice is recorded as a failed transaction ("amount mismatch"), the
 * invoice unchanged, answered 200 so Stripe stops retrying; the card tells the team.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ActivityActor } from '#shared/activity';
import type { Invoice } from '#shared/invoices';
import { withTx, type Tx } from '../db/tx';
import { AppError, errorBody } from '../http/errors';
import type { Deps } from '../http/types';
import { applyMoneyEvent, type MoneyEvent } from './payments';
import type { InvoiceContext } from './serialize';
import { contextOf, loadInvoice } from './service';
import { loadStripeSecrets } from './stripe-settings';
import { verifyStripeSignature } from './stripe-signature';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STRIPE: ActivityActor = { type: 'provider', id: null, name: 'Stripe' };

const KIND: Record<string, MoneyEvent['kind']> = {
  'payment_intent.succeeded': 'succeeded',
  'invoice.paid': 'succeeded',
  'invoice.payment_succeeded': 'succeeded',
  'payment_intent.processing': 'processing',
  'invoice.payment_failed': 'failed',
  'charge.refunded': 'refunded',
};

const SIGNATURE_MESSAGE = {
  missing: 'The Stripe-Signature header is missing.',
  malformed: 'The Stripe-Signature header is malformed.',
  stale: 'The Stripe-Signature timestamp is more than 300 s from now.',
  mismatch: 'The Stripe-Signature does not match this location’s webhook secret.',
};

type Obj = Record<string, any>;
interface StripeEvent {
  id: string;
  type: string;
  data: { object: Obj };
}

const idOf = (v: unknown): string | null => (typeof v === 'string' ? v : v && typeof v === 'object' && typeof (v as Obj).id === 'string' ? (v as Obj).id : null);

/** The charge a payment event is about: one payment reported by several events has one id. */
function chargeIdOf(type: string, o: Obj): string | null {
  if (type.startsWith('payment_intent.')) return idOf(o.latest_charge) ?? idOf(o.id);
  if (type.startsWith('invoice.')) return idOf(o.charge) ?? idOf(o.payment_intent) ?? idOf(o.id);
  return idOf(o.id);
}

function amountOf(type: string, o: Obj): unknown {
  if (type === 'payment_intent.succeeded') return o.amount_received ?? o.amount;
  if (type === 'invoice.paid' || type === 'invoice.payment_succeeded') return o.amount_paid;
  if (type === 'invoice.payment_failed') return o.amount_due;
  if (type === 'charge.refunded') return o.amount_refunded;
  return o.amount;
}

function mismatch(inv: Invoice, amount: number, currency: string): string | null {
  if (currency !== inv.currency) return 'currency mismatch';
  if (inv.status === 'void') return 'invoice is void';
  if (amount <= 0 || amount > inv.amountDue) return 'amount mismatch';
  return null;
}

async function applyEvent(tx: Tx, ctx: InvoiceContext, locationId: string, event: StripeEvent): Promise<string> {
  const kind = KIND[event.type];
  if (!kind) return 'ignored_event_type';
  const o = event.data.object;
  const invoiceId = o.metadata?.invoice_id;
  if (typeof invoiceId !== 'string' || !UUID.test(invoiceId)) return 'ignored_no_invoice_id';
  const inv = await loadInvoice(tx, ctx, locationId, invoiceId, true).catch((err) => {
    if (err instanceof AppError && err.status === 404) return null; // none, or another location's
    throw err;
  });
  if (!inv) return 'ignored_unknown_invoice';

  const raw = amountOf(event.type, o);
  const amount = typeof raw === 'number' && Number.isSafeInteger(raw) ? raw : -1;
  const currency = String(o.currency ?? '').toUpperCase();
  const chargeId = chargeIdOf(event.type, o);
  const base = { provider: 'stripe' as const, method: 'card' as const, currency: currency || inv.currency, chargeId, eventId: event.id, actor: STRIPE };
  const apply = (e: Partial<MoneyEvent> & Pick<MoneyEvent, 'kind' | 'amount'>) => applyMoneyEvent(tx, ctx, locationId, inv, { ...base, ...e }).then((r) => r.outcome);
  const failed = (reason: string) => apply({ kind: 'failed', amount: Math.max(amount, 0), reason });

  if (kind === 'succeeded') {
    const counted = await tx.query(
      `SELECT 1 FROM invoice_transactions WHERE location_id = $1 AND provider = 'stripe' AND provider_charge_id = $2 AND status = 'succeeded'`,
      [locationId, chargeId],
    );
    if (counted.rowCount) return 'duplicate_charge';
    const reason = mismatch(inv, amount, currency);
    return reason ? failed(reason) : apply({ kind, amount });
  }
  if (kind === 'processing') {
    if (inv.status !== 'sent' && inv.status !== 'partially_paid') return 'ignored_status';
    return apply({ kind, amount: Math.max(amount, 0) });
  }
  if (kind === 'failed') return failed(o.last_payment_error?.message ?? o.last_finalization_error?.message ?? 'payment failed');

  // charge.refunded carries the charge's cumulative amount refunded: record what is new.
  const done = await tx.query<{ sum: number }>(
    `SELECT coalesce(sum(amount), 0)::bigint AS sum FROM invoice_transactions
      WHERE location_id = $1 AND provider = 'stripe' AND provider_charge_id = $2 AND status = 'refunded'`,
    [locationId, chargeId],
  );
  const refund = amount - done.rows[0].sum;
  if (amount < 0 || refund <= 0) return 'ignored_nothing_new_refunded';
  if (currency !== inv.currency) return failed('currency mismatch');
  if (refund > inv.amountPaid) return apply({ kind: 'failed', amount: refund, reason: 'refund exceeds amount paid' });
  return apply({ kind: 'refunded', amount: refund });
}

export async function handleStripeWebhook(req: FastifyRequest, reply: FastifyReply, deps: Deps) {
  const { locationId } = req.params as { locationId: string };
  const loc = UUID.test(locationId) ? await deps.pool.query('SELECT 1 FROM locations WHERE id = $1', [locationId]) : null;
  if (!loc?.rowCount) return reply.status(404).send(errorBody('not_found', 'Location not found.'));
  const stripe = await loadStripeSecrets(deps.pool, deps.secrets, locationId);
  if (!stripe) return reply.status(404).send(errorBody('stripe_not_connected', 'Stripe is not connected for this location.'));

  const raw = typeof req.body === 'string' ? req.body : '';
  const header = req.headers['stripe-signature'];
  const verdict = verifyStripeSignature(Array.isArray(header) ? header[0] : header, raw, stripe.webhookSecret);
  if (!verdict.ok) {
    req.log.warn({ locationId, reason: verdict.reason }, 'stripe webhook refused');
    return reply.status(400).send(errorBody(`signature_${verdict.reason}`, SIGNATURE_MESSAGE[verdict.reason]));
  }
  let event: StripeEvent;
  try {
    event = JSON.parse(raw);
  } catch {
    return reply.status(400).send(errorBody('invalid_payload', 'The body is not JSON.'));
  }
  if (typeof event?.id !== 'string' || typeof event.type !== 'string' || typeof event.data?.object !== 'object' || !event.data.object) {
    return reply.status(400).send(errorBody('invalid_payload', 'The body is not a Stripe event (id, type, data.object).'));
  }

  const outcome = await withTx(deps.pool, async (tx) => {
    const first = await tx.query(
      `INSERT INTO stripe_events (location_id, event_id, type, outcome) VALUES ($1, $2, $3, 'received')
       ON CONFLICT (location_id, event_id) DO NOTHING RETURNING 1`,
      [locationId, event.id, event.type],
    );
    if (!first.rowCount) return 'duplicate_event';
    const result = await applyEvent(tx, contextOf(deps), locationId, event);
    await tx.query('UPDATE stripe_events SET outcome = $3 WHERE location_id = $1 AND event_id = $2', [locationId, event.id, result]);
    return result;
  });
  req.log.info({ locationId, eventId: event.id, type: event.type, outcome }, 'stripe event');
  return reply.send({ received: true, outcome });
}
