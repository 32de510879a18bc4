/**
 * View Invoice, opened in place from an invoice or payment card or the Invoices tab: status,
 * amounts paid and due, the payment link and how it went out, line items, every transaction; and
 * in place: Send (or re-send the link), Record payment, Void, Edit (drafts).
 */
import { useQueryClient } from '@tanstack/react-query';
import { Ban, Copy, ExternalLink, Pencil, ReceiptText, Send } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { InvoiceDetail } from '#shared/invoices';
import type { RecordPanelProps } from '../../inbox/records/RecordPanels';
import { post } from '../../lib/api';
import { formatPhone, fullDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { InvoiceForm } from './InvoiceForm';
import { InvoiceItems, Transactions } from './InvoiceParts';
import { formatMoney } from './money';
import { PaymentForm } from './PaymentForm';
import { upsertInvoice, useInvoice, useInvoiceLive } from './queries';
import { useRunner } from '../../lib/useRunner';
import { shortDate, STATUS_LABEL } from './status';
import { recordState } from '../RecordState';
import './invoices.css';

export default function InvoiceView({ id, contactId, close }: RecordPanelProps) {
  useInvoiceLive();
  const q = useInvoice(id);
  const [editing, setEditing] = useState(false);

  const state = recordState(q, { noun: 'invoice', goneTitle: 'This invoice no longer exists', goneIcon: ReceiptText, className: 'inv-state', iconClassName: 'sp-state-icon', close });
  if (state !== null || !q.data) return state;
  if (editing) {
    return <InvoiceForm contactId={contactId} initial={q.data} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  }
  return <Details inv={q.data} onEdit={() => setEditing(true)} />;
}

function Details({ inv, onEdit }: { inv: InvoiceDetail; onEdit(): void }) {
  const { timeZone } = useSession();
  const qc = useQueryClient();
  const { busy, error, setError, run } = useRunner();
  const [mode, setMode] = useState<'idle' | 'pay' | 'void'>('idle');
  const [copied, setCopied] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (mode === 'void') confirmRef.current?.focus();
  }, [mode]);

  const m = (v: number) => formatMoney(v, inv.currency);
  const act = (path: 'send' | 'void') => run(async () => upsertInvoice(qc, await post<InvoiceDetail>(`/invoices/${inv.id}/${path}`)));
  const sendable = inv.status !== 'void' && inv.status !== 'paid';
  const payable = inv.status !== 'void' && inv.amountDue > 0;
  const voidable = inv.status !== 'void' && inv.amountPaid === 0;
  const delivery = inv.linkDelivery;

  async function copy() {
    if (!inv.payUrl) return;
    try {
      await navigator.clipboard.writeText(inv.payUrl);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setError('Could not copy: select the link and copy it instead.');
    }
  }

  return (
    <div className="inv-view">
      <header className="inv-head">
        <h3 className="inv-number">{inv.number}</h3>
        <span className={`chip inv-status status-${inv.status}`}>{STATUS_LABEL[inv.status]}</span>
      </header>

      <div className="inv-stats">
        <div>
          <span>Total</span>
          <strong>{m(inv.total)}</strong>
        </div>
        <div>
          <span>Paid</span>
          <strong>{m(inv.amountPaid)}</strong>
        </div>
        <div className="inv-stat-due">
          <span>Amount due</span>
          <strong>{m(inv.amountDue)}</strong>
        </div>
      </div>

      <dl className="sp-facts">
        <dt>Billed to</dt>
        <dd>{inv.contactName}</dd>
        <dt>Issued</dt>
        <dd>{shortDate(inv.issueDate)}</dd>
        <dt>Due</dt>
        <dd>{inv.dueDate ? shortDate(inv.dueDate) : 'On receipt'}</dd>
        {inv.sentAt && (
          <>
            <dt>Sent</dt>
            <dd>{fullDateTime(inv.sentAt, timeZone)}</dd>
          </>
        )}
        {inv.payUrl && (
          <>
            <dt>Payment page</dt>
            <dd className="inv-link">
              <a href={inv.payUrl} target="_blank" rel="noreferrer">
                Open <ExternalLink size={12} aria-hidden="true" />
              </a>
              <button type="button" className="button small" onClick={() => void copy()}>
                <Copy size={12} aria-hidden="true" /> {copied ? 'Copied' : 'Copy link'}
              </button>
            </dd>
          </>
        )}
      </dl>
      {delivery &&
        (delivery.channel ? (
          <p className="inv-delivery">Payment link texted to {formatPhone(delivery.to)}.</p>
        ) : (
          <p className="inv-delivery is-warning" role="note">
            Payment link not sent: {delivery.reason}. Copy the link to share it another way.
          </p>
        ))}

      <InvoiceItems inv={inv} />
      <Transactions inv={inv} timeZone={timeZone} />

      {mode === 'pay' && <PaymentForm inv={inv} onDone={() => setMode('idle')} onCancel={() => setMode('idle')} />}
      {error && mode !== 'pay' && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}

      {mode === 'void' ? (
        <footer className="inv-footer" role="group" aria-label="Confirm voiding the invoice">
          <span className="inv-confirm-text">Void {inv.number}? It can no longer be paid.</span>
          <button type="button" className="button small" onClick={() => setMode('idle')} disabled={busy}>
            Cancel
          </button>
          <button ref={confirmRef} type="button" className="button small inv-danger-solid" disabled={busy} onClick={() => void act('void').then(() => setMode('idle'))}>
            Void
          </button>
        </footer>
      ) : (
        mode === 'idle' && (
          <footer className="inv-footer">
            {sendable && (
              <button type="button" className={`button small${inv.status === 'draft' ? ' primary' : ''}`} disabled={busy} onClick={() => void act('send')}>
                <Send size={13} aria-hidden="true" /> {inv.status === 'draft' ? 'Send' : 'Resend link'}
              </button>
            )}
            {payable && (
              <button type="button" className="button small" disabled={busy} onClick={() => setMode('pay')}>
                Record payment
              </button>
            )}
            {inv.status === 'draft' && (
              <button type="button" className="button small" disabled={busy} onClick={onEdit}>
                <Pencil size={13} aria-hidden="true" /> Edit
              </button>
            )}
            {voidable && (
              <button type="button" className="button small danger" disabled={busy} onClick={() => setMode('void')}>
                <Ban size={13} aria-hidden="true" /> Void
              </button>
            )}
            {!sendable && !payable && !voidable && <span className="muted">{inv.status === 'paid' ? 'Paid in full.' : 'This invoice is void.'}</span>}
          </footer>
        )
      )}
    </div>
  );
}
