/** Recording a manual payment in View Invoice: amount (the amount due to start with), method, note. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { InvoiceDetail } from '#shared/invoices';
import { post } from '../../lib/api';
import { formatMoney, parseMoney, toAmountInput } from './money';
import { upsertInvoice } from './queries';
import { useRunner } from '../../lib/useRunner';

export function PaymentForm({ inv, onDone, onCancel }: { inv: InvoiceDetail; onDone(): void; onCancel(): void }) {
  const qc = useQueryClient();
  const id = useId();
  const [amount, setAmount] = useState(toAmountInput(inv.amountDue, inv.currency));
  const [method, setMethod] = useState<'cash' | 'card_terminal' | 'other'>('cash');
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useRunner();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const minor = parseMoney(amount, inv.currency);
    if (minor === null || minor <= 0) return setError('Amount: an amount such as 120 or 120.50.');
    if (minor > inv.amountDue) return setError(`That is more than the ${formatMoney(inv.amountDue, inv.currency)} due.`);
    const ok = await run(async () =>
      upsertInvoice(qc, await post<InvoiceDetail>(`/invoices/${inv.id}/payments`, { amount: minor, method, ...(note.trim() && { note: note.trim() }) })),
    );
    if (ok) onDone();
  }

  return (
    <form className="inv-pay" onSubmit={(e) => void submit(e)} noValidate aria-label="Record payment" onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
      <div className="inv-form-row">
        <label className="field">
          <span>Amount ({inv.currency})</span>
          <input type="text" inputMode="decimal" value={amount} autoFocus onChange={(e) => setAmount(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
        </label>
        <label className="field">
          <span>Method</span>
          <select value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
            <option value="cash">Cash</option>
            <option value="card_terminal">Card terminal</option>
            <option value="other">Other</option>
          </select>
        </label>
      </div>
      <label className="field">
        <span>Note (optional)</span>
        <input type="text" value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Paid at the front desk" />
      </label>
      {error && (
        <p className="form-error" role="alert" id={`${id}-err`}>
          {error}
        </p>
      )}
      <div className="inv-actions">
        <button type="button" className="button small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={busy}>
          Record payment
        </button>
      </div>
    </form>
  );
}
