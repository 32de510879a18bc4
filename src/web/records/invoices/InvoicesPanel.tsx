/**
 * The side panel's Invoices tab: the contact's invoices (number, status, total, amount due), a new
 * invoice created in place, drafts sent from the list, and each one opened in the View Invoice panel.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Plus, ReceiptText } from 'lucide-react';
import { useState } from 'react';
import type { Invoice, InvoiceDetail } from '#shared/invoices';
import { useRecordPanels } from '../../inbox/records/RecordPanels';
import { errorMessage, post } from '../../lib/api';
import { Spinner } from '../../ui/Spinner';
import { InvoiceForm } from './InvoiceForm';
import { formatMoney } from './money';
import { upsertInvoice, useContactInvoices, useInvoiceLive } from './queries';
import { useRunner } from '../../lib/useRunner';
import { shortDate, STATUS_LABEL } from './status';
import './invoices.css';

/** initialCreate: open with the new-invoice form (the header's "Send invoice"). */
export function InvoicesPanel({ contactId, initialCreate = false }: { contactId: string; initialCreate?: boolean }) {
  useInvoiceLive();
  const list = useContactInvoices(contactId);
  const { open } = useRecordPanels();
  const [creating, setCreating] = useState(initialCreate);

  if (list.isPending) return <Spinner label="Loading invoices" />;
  if (list.isError) {
    return (
      <div className="empty-state sp-state" role="alert">
        <h2>Could not load the invoices</h2>
        <p>{errorMessage(list.error)}</p>
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const invoices = list.data;
  const form = (
    <InvoiceForm
      contactId={contactId}
      onCancel={() => setCreating(false)}
      onDone={(inv) => {
        setCreating(false);
        open({ type: 'invoice', id: inv.id });
      }}
    />
  );

  if (invoices.length === 0 && !creating) {
    return (
      <div className="empty-state sp-state">
        <ReceiptText size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>No invoices yet</h2>
        <p>Bill this contact in a few clicks; sending an invoice texts them a link to it.</p>
        <button type="button" className="button primary" onClick={() => setCreating(true)}>
          <Plus size={14} aria-hidden="true" /> New invoice
        </button>
      </div>
    );
  }

  return (
    <div className="sp-sections">
      <section className="sp-section" aria-label="Invoices">
        <div className="inv-list-head">
          <h2 className="sp-title">
            {creating ? 'New invoice' : 'Invoices'} {!creating && <span className="sp-count">{invoices.length}</span>}
          </h2>
          {!creating && (
            <button type="button" className="button small" onClick={() => setCreating(true)}>
              <Plus size={13} aria-hidden="true" /> New invoice
            </button>
          )}
        </div>
        {creating ? (
          form
        ) : (
          <ul className="sp-cards">
            {invoices.map((inv) => (
              <InvoiceRow key={inv.id} inv={inv} onOpen={() => open({ type: 'invoice', id: inv.id })} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function InvoiceRow({ inv, onOpen }: { inv: Invoice; onOpen(): void }) {
  const qc = useQueryClient();
  const { busy, error, run } = useRunner();
  const send = () => run(async () => upsertInvoice(qc, await post<InvoiceDetail>(`/invoices/${inv.id}/send`)));
  return (
    <li className="sp-card inv-row">
      <div className="sp-card-top">
        <button type="button" className="inv-open" onClick={onOpen} aria-label={`Open invoice ${inv.number}`}>
          {inv.number}
        </button>
        <span className={`chip inv-status status-${inv.status}`}>{STATUS_LABEL[inv.status]}</span>
      </div>
      <div className="inv-row-amounts">
        <span>
          <span className="muted">Total</span> {formatMoney(inv.total, inv.currency)}
        </span>
        <span>
          <span className="muted">Due</span> <strong>{formatMoney(inv.amountDue, inv.currency)}</strong>
        </span>
      </div>
      <div className="inv-row-foot">
        <span className="sp-card-meta">
          Issued {shortDate(inv.issueDate)}
          {inv.status !== 'paid' && inv.status !== 'void' && ` · due ${inv.dueDate ? shortDate(inv.dueDate) : 'on receipt'}`}
        </span>
        {inv.status === 'draft' && (
          <button type="button" className="button small" disabled={busy} onClick={() => void send()}>
            Send
          </button>
        )}
      </div>
      {error && (
        <p className="form-error inv-row-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
