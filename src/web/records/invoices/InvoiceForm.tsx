/**
 * Creating (or, for a draft, editing) an invoice in place: line items (name, quantity, unit price,
 * tax rate), currency and due date, with a live preview of the totals. A new one can be saved as a
 * draft or saved and sent at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Plus, Trash2 } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { Invoice, InvoiceDetail } from '#shared/invoices';
import { errorMessage, patch, post } from '../../lib/api';
import { useSession } from '../../lib/session';
import { COMMON_CURRENCIES, defaultCurrency, formatMoney, parseMoney, previewLine, previewTotals, scaledText, toAmountInput } from './money';
import { upsertInvoice } from './queries';
import './invoices.css';

interface Line {
  key: number;
  name: string;
  quantity: string;
  price: string;
  taxRate: string;
}

type Problems = Record<string, string>;

export function InvoiceForm({ contactId, initial, onDone, onCancel }: { contactId: string; initial?: Invoice; onDone(inv: InvoiceDetail): void; onCancel(): void }) {
  const qc = useQueryClient();
  const { me } = useSession();
  const id = useId();
  const nextKey = useRef(1);
  const blank = (): Line => ({ key: nextKey.current++, name: '', quantity: '1', price: '', taxRate: '0' });
  const [currency, setCurrency] = useState(initial?.currency ?? defaultCurrency(me.location.country));
  const [lines, setLines] = useState<Line[]>(() =>
    initial
      ? initial.items.map((i) => ({ key: nextKey.current++, name: i.name, quantity: String(i.quantity), price: toAmountInput(i.unitPrice, initial.currency), taxRate: String(i.taxRate) }))
      : [blank()],
  );
  const [dueDate, setDueDate] = useState(initial?.dueDate ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: number, change: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...change } : l)));
  const priced = lines.map((l) => {
    const price = parseMoney(l.price || '0', currency);
    return price === null ? null : previewLine(l.quantity, price, l.taxRate);
  });
  const totals = previewTotals(priced);
  const currencies = COMMON_CURRENCIES.includes(currency) ? COMMON_CURRENCIES : [currency, ...COMMON_CURRENCIES];

  function check(): Problems {
    const p: Problems = {};
    lines.forEach((l, k) => {
      const q = scaledText(l.quantity, 2);
      const r = scaledText(l.taxRate || '0', 3);
      if (!l.name.trim()) p[`${k}.name`] = 'Name the item.';
      if (q === null || q <= 0n) p[`${k}.quantity`] = 'Quantity: a number such as 1 or 1.5 (2 decimals at most).';
      if (parseMoney(l.price, currency) === null) p[`${k}.price`] = 'Unit price: an amount such as 450 or 450.00.';
      if (r === null || r > 100_000n) p[`${k}.taxRate`] = 'Tax: a percent such as 8.875 (0–100, 3 decimals at most).';
    });
    return p;
  }

  async function submit(e: FormEvent, send = false) {
    e.preventDefault();
    setError(null);
    const p = check();
    setProblems(p);
    if (Object.keys(p).length > 0) return;
    const items = lines.map((l) => ({ name: l.name.trim(), quantity: Number(l.quantity), unitPrice: parseMoney(l.price, currency)!, taxRate: Number(l.taxRate || '0') }));
    setBusy(true);
    try {
      let saved = initial
        ? await patch<InvoiceDetail>(`/invoices/${initial.id}`, { items, currency, dueDate: dueDate || null })
        : await post<InvoiceDetail>('/invoices', { contactId, items, currency, ...(dueDate && { dueDate }) });
      upsertInvoice(qc, saved);
      if (send) {
        saved = await post<InvoiceDetail>(`/invoices/${saved.id}/send`);
        upsertInvoice(qc, saved);
      }
      onDone(saved);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  const errs = Object.values(problems);
  const invalid = (k: number, f: string) => (problems[`${k}.${f}`] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-problems` } : {});

  return (
    <form className="inv-form" onSubmit={(e) => void submit(e)} noValidate aria-label={initial ? `Edit ${initial.number}` : 'New invoice'} onKeyDown={(e) => e.key === 'Escape' && !busy && onCancel()}>
      <ol className="inv-lines">
        {lines.map((l, k) => (
          <li key={l.key} className="inv-line">
            <div className="inv-line-name">
              <input type="text" aria-label={`Item ${k + 1} name`} placeholder="Item, e.g. Botox (20 units)" value={l.name} maxLength={200} autoFocus={k === 0 && !initial} onChange={(e) => set(l.key, { name: e.target.value })} {...invalid(k, 'name')} />
              <button type="button" className="icon-button" aria-label={`Remove item ${k + 1}`} title="Remove item" disabled={lines.length === 1} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                <Trash2 size={14} aria-hidden="true" />
              </button>
            </div>
            <div className="inv-line-nums">
              <label className="field">
                <span>Qty</span>
                <input type="text" inputMode="decimal" value={l.quantity} onChange={(e) => set(l.key, { quantity: e.target.value })} {...invalid(k, 'quantity')} />
              </label>
              <label className="field">
                <span>Unit price</span>
                <input type="text" inputMode="decimal" placeholder="0.00" value={l.price} onChange={(e) => set(l.key, { price: e.target.value })} {...invalid(k, 'price')} />
              </label>
              <label className="field">
                <span>Tax %</span>
                <input type="text" inputMode="decimal" value={l.taxRate} onChange={(e) => set(l.key, { taxRate: e.target.value })} {...invalid(k, 'taxRate')} />
              </label>
            </div>
            <div className="inv-line-total" aria-live="polite">
              {priced[k] ? `${formatMoney(priced[k]!.amount, currency)}${priced[k]!.tax ? ` + ${formatMoney(priced[k]!.tax, currency)} tax` : ''}` : '—'}
            </div>
          </li>
        ))}
      </ol>
      <button type="button" className="button small inv-add" onClick={() => setLines((ls) => [...ls, blank()])}>
        <Plus size={13} aria-hidden="true" /> Add item
      </button>

      <div className="inv-form-row">
        <label className="field">
          <span>Currency</span>
          <select value={currency} onChange={(e) => setCurrency(e.target.value)}>
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Due date</span>
          <input type="date" className="inv-date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </label>
      </div>

      <dl className="inv-totals" aria-label="Totals">
        <dt>Subtotal</dt>
        <dd>{formatMoney(totals.subtotal, currency)}</dd>
        <dt>Tax</dt>
        <dd>{formatMoney(totals.tax, currency)}</dd>
        <dt className="inv-grand">Total</dt>
        <dd className="inv-grand">{formatMoney(totals.total, currency)}</dd>
      </dl>

      {(errs.length > 0 || error) && (
        <div className="form-error" role="alert" id={`${id}-problems`}>
          {error ??
            (errs.length === 1 ? (
              errs[0]
            ) : (
              <ul className="inv-problems">
                {errs.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ))}
        </div>
      )}
      <div className="inv-actions">
        <button type="button" className="button small" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className={`button small${initial ? ' primary' : ''}`} disabled={busy}>
          {initial ? 'Save' : 'Save draft'}
        </button>
        {!initial && (
          <button type="button" className="button small primary" disabled={busy} onClick={(e) => void submit(e, true)}>
            Save and send
          </button>
        )}
      </div>
    </form>
  );
}
