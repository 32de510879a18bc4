/**
 * Invoices: create (numbered from the location's counter in the same transaction), read, list,
 * change (items only on drafts) and void. Invoices are never deleted — a number once given stays
 * taken — so the sequence has no gaps. Every change writes its card and emits invoice.*.
 */
import type { ActivityActor } from '#shared/activity';
import {
  computeTotals,
  currencyForCountry,
  type Invoice,
  type InvoiceCreate,
  type InvoiceDetail,
  type InvoiceItemInput,
  type InvoicePatch,
} from '#shared/invoices';
import type { Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { decodeKeyset, page } from '../http/cursor';
import { AppError, conflict, notFound } from '../http/errors';
import type { Deps } from '../http/types';
import { invoiceCard, invoiceChanges, money, STATUS_LABEL } from './cards';
import { INVOICE_SELECT, loadTransactions, toInvoice, type InvoiceContext } from './serialize';
import { visibleContactsSql } from '../contacts/access';

export const contextOf = (deps: Pick<Deps, 'config' | 'secrets'>): InvoiceContext => ({ publicUrl: deps.config.publicUrl, secrets: deps.secrets });

export async function loadInvoice(db: Queryable, ctx: InvoiceContext, locationId: string, id: string, lock = false): Promise<Invoice> {
  const r = await db.query(`${INVOICE_SELECT} WHERE i.location_id = $1 AND i.id = $2 ${lock ? 'FOR UPDATE OF i' : ''}`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Invoice');
  return toInvoice(r.rows[0], ctx);
}

export async function getInvoiceDetail(db: Queryable, ctx: InvoiceContext, locationId: string, id: string): Promise<InvoiceDetail> {
  const inv = await loadInvoice(db, ctx, locationId, id);
  return { ...inv, transactions: await loadTransactions(db, locationId, id) };
}

export function emitInvoice(tx: Tx, locationId: string, type: 'invoice.created' | 'invoice.updated', inv: Invoice) {
  tx.emit({ locationId, type, data: inv });
}

const dueBeforeIssue = () =>
  new AppError(400, 'validation_failed', 'body.dueDate: must not be before issueDate', { fields: [{ field: 'body.dueDate', message: 'must not be before issueDate' }] });

/** Items with their rounded amounts, and the invoice totals (exact, per line). */
function priced(items: InvoiceItemInput[]) {
  try {
    const t = computeTotals(items as { quantity: number; unitPrice: number; taxRate: number }[]);
    const lines = items.map((i, k) => ({ name: i.name, quantity: i.quantity, unitPrice: i.unitPrice, taxRate: i.taxRate ?? 0, ...t.lines[k] }));
    return { lines, subtotal: t.subtotal, tax: t.tax, total: t.total };
  } catch (err) {
    if (err instanceof RangeError) throw new AppError(422, 'invalid_amount', `The invoice cannot be priced: ${err.message}.`);
    throw err;
  }
}

const todayIn = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

export async function createInvoice(deps: Deps, locationId: string, input: InvoiceCreate, actor: ActivityActor): Promise<InvoiceDetail> {
  const loc = (await deps.pool.query('SELECT country, timezone FROM locations WHERE id = $1', [locationId])).rows[0];
  const currency = input.currency ?? currencyForCountry(loc.country);
  const issueDate = input.issueDate ?? todayIn(loc.timezone);
  if (input.dueDate && input.dueDate < issueDate) throw dueBeforeIssue();
  const p = priced(input.items);
  const ctx = contextOf(deps);
  return withTx(deps.pool, async (tx) => {
    const contact = await tx.query('SELECT 1 FROM contacts WHERE location_id = $1 AND id = $2', [locationId, input.contactId]);
    if (contact.rowCount === 0) throw notFound('Contact');
    // The counter row stays locked until commit: concurrent creations take numbers one by one,
    // and a rollback gives the number back.
    const n = await tx.query<{ last: number }>(
      `INSERT INTO invoice_counters (location_id, last) VALUES ($1, 1)
       ON CONFLICT (location_id) DO UPDATE SET last = invoice_counters.last + 1 RETURNING last`,
      [locationId],
    );
    const ins = await tx.query<{ id: string }>(
      `INSERT INTO invoices (location_id, number, contact_id, currency, items, subtotal, tax, total, issue_date, due_date, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [locationId, n.rows[0].last, input.contactId, currency, JSON.stringify(p.lines), p.subtotal, p.tax, p.total, issueDate, input.dueDate ?? null, actor.type === 'user' ? actor.id : null],
    );
    const inv = await loadInvoice(tx, ctx, locationId, ins.rows[0].id);
    await invoiceCard(tx, locationId, inv, { action: 'created', summary: `Invoice ${inv.number} created: ${money(inv, inv.total)}`, actor });
    emitInvoice(tx, locationId, 'invoice.created', inv);
    return { ...inv, transactions: [] };
  });
}

export async function listInvoices(
  db: Queryable,
  ctx: InvoiceContext,
  locationId: string,
  q: { limit: number; cursor?: string; contactId?: string; status?: string },
  visibleTo: string | null = null,
) {
  const after = decodeKeyset(q.cursor);
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['i.location_id = $1'];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.contactId) where.push(`i.contact_id = ${param(q.contactId)}`);
  if (q.status) where.push(`i.status = ${param(q.status)}`);
  if (visibleTo) where.push(visibleContactsSql('i.contact_id', param(visibleTo)));
  if (after) where.push(`(i.created_at, i.id) < (${param(after.k)}::timestamptz, ${param(after.id)}::uuid)`);
  const r = await db.query(
    `${INVOICE_SELECT.replace('SELECT ', 'SELECT i.created_at::text AS _k, ')} WHERE ${where.join(' AND ')} ORDER BY i.created_at DESC, i.id DESC LIMIT $2`,
    values,
  );
  return page(r.rows, q.limit, (row) => toInvoice(row, ctx));
}

export async function patchInvoice(deps: Deps, locationId: string, id: string, patch: InvoicePatch, actor: ActivityActor): Promise<InvoiceDetail> {
  const ctx = contextOf(deps);
  return withTx(deps.pool, async (tx) => {
    const before = await loadInvoice(tx, ctx, locationId, id, true);
    if (before.status === 'void') throw conflict('invoice_void', `Invoice ${before.number} is void and cannot change.`);
    const draftOnly = (['items', 'currency', 'issueDate'] as const).filter((f) => patch[f] !== undefined);
    if (draftOnly.length > 0 && before.status !== 'draft') {
      throw conflict('invoice_not_draft', `Invoice ${before.number} is ${STATUS_LABEL[before.status].toLowerCase()}: only a draft's ${draftOnly.join(', ')} can change.`);
    }
    const issueDate = patch.issueDate ?? before.issueDate;
    const dueDate = patch.dueDate === undefined ? before.dueDate : patch.dueDate;
    if (dueDate && dueDate < issueDate) throw dueBeforeIssue();
    const p = patch.items ? priced(patch.items) : null;
    await tx.query(
      `UPDATE invoices SET issue_date = $3, due_date = $4, currency = coalesce($5, currency),
              items = coalesce($6::jsonb, items), subtotal = coalesce($7, subtotal), tax = coalesce($8, tax), total = coalesce($9, total),
              updated_at = now()
        WHERE location_id = $1 AND id = $2`,
      [locationId, id, issueDate, dueDate, patch.currency ?? null, p ? JSON.stringify(p.lines) : null, p?.subtotal ?? null, p?.tax ?? null, p?.total ?? null],
    );
    const after = await loadInvoice(tx, ctx, locationId, id);
    const changes = invoiceChanges(before, after);
    if (patch.currency && patch.currency !== before.currency) changes.currency = { from: before.currency, to: after.currency };
    if (Object.keys(changes).length > 0) {
      await invoiceCard(tx, locationId, after, { action: 'updated', summary: `Invoice ${after.number} updated`, actor, changes });
      emitInvoice(tx, locationId, 'invoice.updated', after);
    }
    return { ...after, transactions: await loadTransactions(tx, locationId, id) };
  });
}

export async function voidInvoice(deps: Deps, locationId: string, id: string, actor: ActivityActor): Promise<InvoiceDetail> {
  const ctx = contextOf(deps);
  return withTx(deps.pool, async (tx) => {
    const before = await loadInvoice(tx, ctx, locationId, id, true);
    if (before.status === 'void') throw conflict('invoice_void', `Invoice ${before.number} is already void.`);
    if (before.amountPaid > 0) {
      throw conflict('invoice_has_payments', `Invoice ${before.number} has ${money(before, before.amountPaid)} paid: refund the payments before voiding it.`);
    }
    await tx.query(`UPDATE invoices SET status = 'void', voided_at = now(), updated_at = now() WHERE location_id = $1 AND id = $2`, [locationId, id]);
    const after = await loadInvoice(tx, ctx, locationId, id);
    await invoiceCard(tx, locationId, after, {
      action: 'voided',
      summary: `Invoice ${after.number} voided (${money(after, after.total)})`,
      actor,
      changes: invoiceChanges(before, after),
    });
    emitInvoice(tx, locationId, 'invoice.updated', after);
    return { ...after, transactions: await loadTransactions(tx, locationId, id) };
  });
}
