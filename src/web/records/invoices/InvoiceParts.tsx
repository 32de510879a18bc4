/** Read-only parts of View Invoice: the line items with totals, and the transactions. */
import type { InvoiceDetail } from '#shared/invoices';
import { fullDateTime } from '../../lib/format';
import { formatMoney } from './money';
import { METHOD_LABEL, TX_STATUS_LABEL } from './status';

export function InvoiceItems({ inv }: { inv: InvoiceDetail }) {
  const m = (v: number) => formatMoney(v, inv.currency);
  return (
    <section className="inv-section" aria-label="Line items">
      <h4 className="sp-title">Items</h4>
      <table className="inv-items">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {inv.items.map((i, k) => (
            <tr key={k}>
              <td>
                <div className="inv-item-name">{i.name}</div>
                <div className="inv-item-meta">
                  {i.quantity} × {m(i.unitPrice)}
                  {i.taxRate > 0 && ` · tax ${i.taxRate}% (${m(i.tax)})`}
                </div>
              </td>
              <td className="num">{m(i.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="inv-totals">
        <dt>Subtotal</dt>
        <dd>{m(inv.subtotal)}</dd>
        <dt>Tax</dt>
        <dd>{m(inv.tax)}</dd>
        <dt className="inv-grand">Total</dt>
        <dd className="inv-grand">{m(inv.total)}</dd>
      </dl>
    </section>
  );
}

export function Transactions({ inv, timeZone }: { inv: InvoiceDetail; timeZone: string }) {
  return (
    <section className="inv-section" aria-label="Transactions">
      <h4 className="sp-title">
        Transactions <span className="sp-count">{inv.transactions.length}</span>
      </h4>
      {inv.transactions.length === 0 ? (
        <p className="muted inv-none">No payments yet.</p>
      ) : (
        <ul className="inv-txs">
          {inv.transactions.map((t) => (
            <li key={t.id} className={`inv-tx tx-${t.status}`}>
              <div className="inv-tx-top">
                <strong className="inv-tx-amount">
                  {t.status === 'refunded' ? '−' : ''}
                  {formatMoney(t.amount, t.currency)}
                </strong>
                <span className={`chip tx-status tx-status-${t.status}`}>{TX_STATUS_LABEL[t.status]}</span>
              </div>
              <div className="inv-tx-meta">
                {t.provider === 'stripe' ? 'Stripe' : 'Manual'} · {METHOD_LABEL[t.method]} ·{' '}
                <time dateTime={t.createdAt}>{fullDateTime(t.createdAt, timeZone)}</time>
              </div>
              {(t.reason || t.note || t.createdBy || t.providerChargeId) && (
                <div className="inv-tx-meta">
                  {[t.reason && `Reason: ${t.reason}`, t.note, t.createdBy && `by ${t.createdBy.name}`, t.providerChargeId].filter(Boolean).join(' · ')}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
