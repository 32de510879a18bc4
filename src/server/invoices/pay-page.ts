/**
 * The public payment page (/pay/<token>): a small self-contained HTML page (inline CSS, no script,
 * no session) with the clinic, the invoice, its lines and totals, what is due and its status.
 * Online payment (Stripe Checkout) is not wired yet: "Pay online" is shown disabled with a note
 * saying how to pay instead.
 */
import { formatMoney, type Invoice } from '#shared/invoices';
import { shortDate, STATUS_LABEL } from './cards';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
*{box-sizing:border-box}body{margin:0;background:#f6f7f9;color:#1c2430;font:14px/1.5 ui-sans-serif,system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif}
main{max-width:640px;margin:32px auto;padding:0 16px}
.card{background:#fff;border:1px solid #e4e7ec;border-radius:10px;padding:24px;box-shadow:0 1px 3px rgb(16 24 40/8%)}
header{display:flex;justify-content:space-between;align-items:flex-start;gap:16px;flex-wrap:wrap}
h1{font-size:20px;margin:0}h2{font-size:13px;margin:0;color:#667085;font-weight:500}
.status{display:inline-block;padding:2px 10px;border-radius:11px;font-size:12px;font-weight:600;background:#eef0f3;color:#475467}
.status.paid{background:#e7f6ec;color:#0e7a3f}.status.void{background:#fdecea;color:#c2362b}.status.partially_paid,.status.payment_processing{background:#fef4e6;color:#b54708}
dl{display:grid;grid-template-columns:auto 1fr;gap:4px 16px;margin:16px 0 0}dt{color:#667085}dd{margin:0}
table{width:100%;border-collapse:collapse;margin-top:20px;font-variant-numeric:tabular-nums}
th{font-size:12px;font-weight:600;color:#667085;text-align:left;border-bottom:1px solid #e4e7ec;padding:6px 4px}
td{padding:8px 4px;border-bottom:1px solid #eef0f3;vertical-align:top}.num{text-align:right;white-space:nowrap}
.totals{margin:12px 0 0 auto;width:min(100%,280px)}.totals div{display:flex;justify-content:space-between;padding:2px 0}
.totals .due{font-size:16px;font-weight:700;border-top:1px solid #e4e7ec;margin-top:6px;padding-top:8px}
.notice{margin-top:20px;padding:12px 14px;border-radius:8px;background:#e6f4f2;color:#0b5f59}
.notice.void{background:#fdecea;color:#c2362b}
button{margin-top:20px;width:100%;height:40px;border:0;border-radius:8px;background:#0f766e;color:#fff;font:inherit;font-weight:600;opacity:.5;cursor:not-allowed}
.note{margin:8px 0 0;color:#667085;font-size:13px;text-align:center}
footer{text-align:center;color:#98a2b3;font-size:12px;margin-top:16px}
@media (max-width:480px){.card{padding:16px}.hide-sm{display:none}}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head><body><main>${body}</main></body></html>`;
}

export function notFoundPage(): string {
  return page('Invoice not found', `<div class="card"><h1>Invoice not found</h1><p>This payment link is not valid. Please check the link, or contact the clinic that sent it.</p></div>`);
}

export function invoicePage(inv: Invoice, locationName: string): string {
  const m = (v: number) => esc(formatMoney(v, inv.currency));
  const rows = inv.items
    .map(
      (i) => `<tr><td>${esc(i.name)}${i.taxRate ? `<br><small style="color:#667085">Tax ${i.taxRate}%</small>` : ''}</td>
<td class="num">${i.quantity}</td><td class="num hide-sm">${m(i.unitPrice)}</td><td class="num">${m(i.amount)}</td></tr>`,
    )
    .join('');
  const state =
    inv.status === 'void'
      ? `<div class="notice void"><strong>This invoice has been voided.</strong> Nothing is due.</div>`
      : inv.status === 'paid'
        ? `<div class="notice"><strong>Paid in full.</strong> Thank you!</div>`
        : `<button type="button" disabled aria-describedby="pay-note">Pay ${m(inv.amountDue)} online</button>
<p class="note" id="pay-note">Online payment is not available yet. Please pay at the clinic or contact ${esc(locationName)}.</p>`;
  const body = `<div class="card">
<header><div><h2>${esc(locationName)}</h2><h1>Invoice ${esc(inv.number)}</h1></div><span class="status ${inv.status}">${esc(STATUS_LABEL[inv.status])}</span></header>
<dl><dt>Billed to</dt><dd>${esc(inv.contactName)}</dd><dt>Issued</dt><dd>${esc(shortDate(inv.issueDate, new Date(0)))}</dd>
<dt>Due</dt><dd>${inv.dueDate ? esc(shortDate(inv.dueDate, new Date(0))) : 'On receipt'}</dd></dl>
<table><thead><tr><th>Item</th><th class="num">Qty</th><th class="num hide-sm">Unit price</th><th class="num">Amount</th></tr></thead><tbody>${rows}</tbody></table>
<div class="totals"><div><span>Subtotal</span><span>${m(inv.subtotal)}</span></div><div><span>Tax</span><span>${m(inv.tax)}</span></div>
<div><span>Total</span><span>${m(inv.total)}</span></div><div><span>Paid</span><span>${m(inv.amountPaid)}</span></div>
<div class="due"><span>Amount due</span><span>${m(inv.amountDue)}</span></div></div>
${state}</div><footer>${esc(locationName)} · ${esc(inv.number)}</footer>`;
  return page(`Invoice ${inv.number} · ${locationName}`, body);
}
