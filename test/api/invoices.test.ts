/**
 * Invoices and payments against the real server and PostgreSQL: exact totals, the number
 * sequence under concurrency, send (card, SMS, public page), manual payments, Stripe webhooks
 * (signature, dedupe, amount mismatch, refunds) and tenancy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stripeSignatureHeader } from '../../src/server/invoices/stripe-signature';
import { previewLine } from '../../src/web/records/invoices/money';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';
import { connectTwilio } from '../helpers/twilio';

let server: TestServer;
let fx: Fixture;
let us: ApiClient; // admin of the US location
let staff: ApiClient; // a user of the US location
let gb: ApiClient; // admin of the GB location
let maya: { id: string }; // US contact with a phone
let noah: { id: string }; // US contact without a phone

const WHSEC = 'whsec_test_0123456789abcdef';
const item = (name: string, quantity: number, unitPrice: number, taxRate = 0) => ({ name, quantity, unitPrice, taxRate });

beforeAll(async () => {
  ({ server, fx, admin: us, staff, stranger: gb } = await standardServer());
  maya = (await us.post('/api/v1/contacts', { firstName: 'Maya', lastName: 'Lopez', phone: '+12015550111' })).body;
  noah = (await us.post('/api/v1/contacts', { firstName: 'Noah', lastName: 'Park', email: 'noah@example.com' })).body;
});
afterAll(() => server.stop());

async function draft(client: ApiClient, contactId: string, items = [item('Botox consult', 1, 45000)], extra: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/invoices', { contactId, items, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function cards(contactId: string) {
  const r = await server.pool.query(
    `SELECT message_type, body, meta FROM messages WHERE contact_id = $1 AND message_type LIKE 'TYPE_ACTIVITY_%' ORDER BY created_at, id`,
    [contactId],
  );
  return r.rows as { message_type: string; body: string; meta: any }[];
}

describe('totals', () => {
  it('rounds a half minor unit of tax up (0.5¢ → 1¢)', async () => {
    const inv = await draft(us, noah.id, [item('Sample', 1, 50, 1)]);
    expect(inv).toMatchObject({ subtotal: 50, tax: 1, total: 51, amountPaid: 0, amountDue: 51, status: 'draft', currency: 'USD' });
    expect(inv.items[0]).toMatchObject({ amount: 50, tax: 1, taxRate: 1 });
  });

  it('computes 8.875% exactly ($450.00 → $39.94 tax from 3993.75¢)', async () => {
    const inv = await draft(us, noah.id, [item('Filler', 1, 45000, 8.875)]);
    expect(inv).toMatchObject({ subtotal: 45000, tax: 3994, total: 48994, amountDue: 48994 });
  });

  it('rounds per line, not on the total (two 0.5¢ taxes make 2¢), and decimal quantities exactly', async () => {
    const inv = await draft(us, noah.id, [item('A', 1, 50, 1), item('B', 1, 50, 1), item('Half', 1.5, 333, 10)]);
    // 1.5 × 333 = 499.5 → 500; its tax 49.95 → 50.
    expect(inv.items.map((i: any) => [i.amount, i.tax])).toEqual([[50, 1], [50, 1], [500, 50]]);
    expect(inv).toMatchObject({ subtotal: 600, tax: 52, total: 652 });
  });

  it('the web form preview applies the same rule as the server', async () => {
    const cases = [item('a', 1, 50, 1), item('b', 1, 45000, 8.875), item('c', 1.5, 333, 10), item('d', 2.25, 1999, 7.25), item('e', 0.01, 1, 0.5)];
    const inv = await draft(us, noah.id, cases);
    cases.forEach((c, k) => expect(previewLine(String(c.quantity), c.unitPrice, String(c.taxRate))).toEqual({ amount: inv.items[k].amount, tax: inv.items[k].tax }));
  });

  it('refuses more than 2 decimals of quantity, 3 of tax rate, negative or fractional prices, no items, naming the field', async () => {
    for (const [items, field] of [
      [[item('x', 1.005, 100)], 'body.items.0.quantity'],
      [[item('x', 1, 100, 8.8755)], 'body.items.0.taxRate'],
      [[item('x', 1, -1)], 'body.items.0.unitPrice'],
      [[item('x', 1, 10.5)], 'body.items.0.unitPrice'],
      [[item('x', 0, 100)], 'body.items.0.quantity'],
      [[], 'body.items'],
    ] as const) {
      const res = await us.post('/api/v1/invoices', { contactId: noah.id, items });
      expect(res.status, JSON.stringify(items)).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')}`));
    }
  });

  it("defaults the currency to the location's and the issue date to today; refuses a due date before it", async () => {
    const gbContact = (await gb.post('/api/v1/contacts', { name: 'Harriet Cole' })).body;
    const inv = await draft(gb, gbContact.id);
    expect(inv.currency).toBe('GBP');
    expect(inv.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const res = await us.post('/api/v1/invoices', { contactId: noah.id, items: [item('x', 1, 1)], issueDate: '2030-01-10', dueDate: '2030-01-09' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body\.dueDate/);
  });
});

describe('numbering', () => {
  it('gives 20 concurrent creations the numbers 1..20, no gaps, no duplicates; a failed creation takes none', async () => {
    const f = await standardFixture(server.pool);
    const admin = await ApiClient.signedIn(server.url, f.admin);
    const contact = (await admin.post('/api/v1/contacts', { name: 'Racer' })).body;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => admin.post('/api/v1/invoices', { contactId: contact.id, items: [item(`Line ${i}`, 1, 100 + i)] })));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(201));
    const numbers = results.map((r) => r.body.number).sort();
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `INV-${String(i + 1).padStart(4, '0')}`));
    // A creation refused inside its transaction (another location's contact) gives its number back.
    expect((await admin.post('/api/v1/invoices', { contactId: maya.id, items: [item('x', 1, 1)] })).status).toBe(404);
    expect((await draft(admin, contact.id)).number).toBe('INV-0021');
    // The other location's sequence is its own.
    const gbContact = (await gb.post('/api/v1/contacts', { name: 'Seq Other' })).body;
    const other = await gb.get(`/api/v1/invoices?contactId=${gbContact.id}`);
    expect(other.body.items).toEqual([]);
  });
});

describe('changing and voiding', () => {
  it('changes a draft’s items (totals recomputed, card with what changed); a sent invoice keeps its items', async () => {
    const inv = await draft(us, noah.id);
    const res = await us.patch(`/api/v1/invoices/${inv.id}`, { items: [item('Botox', 2, 30000, 10)], dueDate: '2099-12-03' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ subtotal: 60000, tax: 6000, total: 66000, dueDate: '2099-12-03' });
    const card = (await cards(noah.id)).filter((c) => c.meta.record.id === inv.id).at(-1)!;
    expect(card.message_type).toBe('TYPE_ACTIVITY_INVOICE');
    expect(card.meta).toMatchObject({ action: 'updated', actor: { type: 'user', name: 'Ada Admin' }, changes: { total: { from: '$450.00', to: '$660.00' }, dueDate: { from: 'On receipt', to: 'Dec 3, 2099' } } });

    await us.post(`/api/v1/invoices/${inv.id}/send`);
    const locked = await us.patch(`/api/v1/invoices/${inv.id}`, { items: [item('x', 1, 1)] });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('invoice_not_draft');
    expect((await us.patch(`/api/v1/invoices/${inv.id}`, { dueDate: '2099-12-31' })).body.dueDate).toBe('2099-12-31');
  });

  it('voids an invoice without payments (card), then refuses payments, changes, sending and a second void', async () => {
    const inv = await draft(us, noah.id);
    const res = await us.post(`/api/v1/invoices/${inv.id}/void`);
    expect(res.body).toMatchObject({ status: 'void', amountDue: 0 });
    expect((await cards(noah.id)).at(-1)).toMatchObject({ message_type: 'TYPE_ACTIVITY_INVOICE', body: `Invoice ${inv.number} voided ($450.00)` });
    expect((await us.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 100, method: 'cash' })).status).toBe(409);
    expect((await us.patch(`/api/v1/invoices/${inv.id}`, { dueDate: '2099-01-01' })).status).toBe(409);
    expect((await us.post(`/api/v1/invoices/${inv.id}/send`)).status).toBe(409);
    expect((await us.post(`/api/v1/invoices/${inv.id}/void`)).status).toBe(409);
  });

  it('lists with filters and a cursor', async () => {
    const f = await standardFixture(server.pool);
    const admin = await ApiClient.signedIn(server.url, f.admin);
    const c = (await admin.post('/api/v1/contacts', { name: 'Lister' })).body;
    for (let i = 0; i < 3; i++) await draft(admin, c.id);
    const first = await admin.get(`/api/v1/invoices?contactId=${c.id}&limit=2`);
    expect(first.body.items.map((i: any) => i.number)).toEqual(['INV-0003', 'INV-0002']);
    const next = await admin.get(`/api/v1/invoices?contactId=${c.id}&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ number: 'INV-0001' }], nextCursor: null });
    expect((await admin.get('/api/v1/invoices?status=paid')).body.items).toEqual([]);
  });
});

describe('sending', () => {
  it('marks it sent, writes the card, queues the link by SMS, and the public page shows the invoice', async () => {
    await connectTwilio(us, '+12125550100');
    const inv = await draft(us, maya.id, [item('Hydrafacial', 1, 45000)], { dueDate: '2099-12-03' });
    const res = await us.post(`/api/v1/invoices/${inv.id}/send`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'sent', linkDelivery: { channel: 'SMS', to: '+12015550111', reason: null } });
    expect(res.body.payUrl).toMatch(new RegExp(`^${server.url}/pay/[A-Za-z0-9_-]{43}$`));

    const card = (await cards(maya.id)).at(-1)!;
    expect(card.message_type).toBe('TYPE_ACTIVITY_INVOICE');
    expect(card.body).toBe(`Invoice ${inv.number} sent: $450.00 due Dec 3, 2099. Payment link sent by SMS.`);
    expect(card.meta).toMatchObject({ action: 'sent', record: { type: 'invoice', id: inv.id }, changes: { status: { from: 'Draft', to: 'Sent' } } });

    const sms = await server.pool.query(`SELECT body, channel, status FROM messages WHERE contact_id = $1 AND message_type = 'TYPE_SMS'`, [maya.id]);
    expect(sms.rows).toHaveLength(1);
    expect(sms.rows[0].body).toContain(res.body.payUrl);
    expect(sms.rows[0].body).toContain(`Hi Maya, your invoice ${inv.number}`);
    expect(sms.rows[0].channel).toMatchObject({ from: '+12125550100', to: '+12015550111' });

    const page = await fetch(res.body.payUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    for (const text of [/Glow /, new RegExp(inv.number), /Hydrafacial/, /\$450\.00/, /Amount due/, /Sent/, /Maya Lopez/, /Online payment is not available yet/]) expect(html).toMatch(text);
    expect(html).not.toMatch(/<script/i);

    // Sending again re-sends the same link.
    const again = await us.post(`/api/v1/invoices/${inv.id}/send`);
    expect(again.body.payUrl).toBe(res.body.payUrl);
    expect((await cards(maya.id)).at(-1)!.meta.action).toBe('resent');
  });

  it('sends without SMS when it cannot, and says why on the card and the invoice', async () => {
    const noPhone = await draft(us, noah.id);
    const a = await us.post(`/api/v1/invoices/${noPhone.id}/send`);
    expect(a.body).toMatchObject({ status: 'sent', linkDelivery: { channel: null, reason: 'the contact has no phone number' } });
    expect((await cards(noah.id)).at(-1)!.body).toMatch(/Payment link not sent: the contact has no phone number\.$/);

    const dnd = (await us.post('/api/v1/contacts', { name: 'Quiet Person', phone: '+12015550199', dndSettings: { SMS: { status: 'active' } } })).body;
    const b = await us.post(`/api/v1/invoices/${(await draft(us, dnd.id)).id}/send`);
    expect(b.body.linkDelivery.reason).toBe('SMS Do Not Disturb is on for this contact');
    const none = await server.pool.query(`SELECT 1 FROM messages WHERE contact_id = $1 AND message_type = 'TYPE_SMS'`, [dnd.id]);
    expect(none.rowCount).toBe(0);

    const gbContact = (await gb.post('/api/v1/contacts', { name: 'Ivy Gray', phone: '07700 900321' })).body;
    const c = await gb.post(`/api/v1/invoices/${(await draft(gb, gbContact.id)).id}/send`);
    expect(c.body.linkDelivery.reason).toBe('no SMS channel connected');
    expect((await cards(gbContact.id)).at(-1)!.body).toMatch(/not sent: no SMS channel connected/);
  });

  it('answers 404 pages for a wrong or malformed token', async () => {
    for (const token of ['A'.repeat(43), 'short', 'x'.repeat(90)]) {
      const res = await fetch(`${server.url}/pay/${token}`);
      expect(res.status).toBe(404);
      expect(await res.text()).toMatch(/Invoice not found/);
    }
  });

  it('shows paid and void plainly on the public page', async () => {
    const inv = await draft(us, noah.id, [item('Peel', 1, 1000)]);
    const sent = (await us.post(`/api/v1/invoices/${inv.id}/send`)).body;
    await us.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 1000, method: 'cash' });
    expect(await (await fetch(sent.payUrl)).text()).toMatch(/Paid in full/);
    const inv2 = await draft(us, noah.id);
    const sent2 = (await us.post(`/api/v1/invoices/${inv2.id}/send`)).body;
    await us.post(`/api/v1/invoices/${inv2.id}/void`);
    expect(await (await fetch(sent2.payUrl)).text()).toMatch(/This invoice has been voided/);
  });
});

describe('manual payments', () => {
  it('takes a partial then the full payment (cards), and refuses overpayment with 422', async () => {
    const inv = await draft(us, noah.id, [item('Package', 1, 10000)]);
    await us.post(`/api/v1/invoices/${inv.id}/send`);
    const over = await staff.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 10001, method: 'cash' });
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({ code: 'overpayment', details: { amountDue: 10000 } });

    const part = await staff.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 4000, method: 'cash', note: 'At the desk' });
    expect(part.body).toMatchObject({ status: 'partially_paid', amountPaid: 4000, amountDue: 6000 });
    let card = (await cards(noah.id)).at(-1)!;
    expect(card.message_type).toBe('TYPE_ACTIVITY_PAYMENT');
    expect(card.body).toBe(`Partial payment received: $40.00 (cash) — $60.00 still due on ${inv.number}`);
    expect(card.meta).toMatchObject({ action: 'partially_paid', record: { type: 'invoice', id: inv.id }, actor: { type: 'user', name: 'Sam Staff' } });

    expect((await staff.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 6001, method: 'cash' })).status).toBe(422);
    const full = await staff.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 6000, method: 'card_terminal' });
    expect(full.body).toMatchObject({ status: 'paid', amountPaid: 10000, amountDue: 0 });
    expect(full.body.transactions.map((t: any) => [t.provider, t.method, t.amount, t.status])).toEqual([
      ['manual', 'cash', 4000, 'succeeded'],
      ['manual', 'card_terminal', 6000, 'succeeded'],
    ]);
    expect(full.body.transactions[0]).toMatchObject({ note: 'At the desk', createdBy: { name: 'Sam Staff' } });
    card = (await cards(noah.id)).at(-1)!;
    expect(card.body).toBe(`Payment received: $60.00 (card terminal) — ${inv.number} paid in full`);
    expect((await staff.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 1, method: 'cash' })).body.error.code).toBe('overpayment');
    expect((await us.post(`/api/v1/invoices/${inv.id}/void`)).body.error.code).toBe('invoice_has_payments');
    expect((await us.get(`/api/v1/invoices/${inv.id}`)).body.transactions).toHaveLength(2);
  });
});

describe('Stripe', () => {
  let t = 0;
  const event = (type: string, object: Record<string, unknown>, id = `evt_${Date.now()}_${t++}`) => ({ id, object: 'event', type, created: 1, livemode: false, data: { object } });
  async function postStripe(locationId: string, body: unknown, opts: { secret?: string; header?: string | null; at?: number } = {}) {
    const raw = JSON.stringify(body, null, 2);
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    const header = opts.header === undefined ? stripeSignatureHeader(opts.secret ?? WHSEC, raw, opts.at) : opts.header;
    if (header !== null) headers['stripe-signature'] = header;
    const res = await fetch(`${server.url}/webhooks/stripe/${locationId}`, { method: 'POST', headers, body: raw });
    return { status: res.status, body: await res.json() };
  }
  const stored = async () => (await server.pool.query('SELECT count(*)::int AS n FROM stripe_events')).rows[0].n;
  const pi = (invoiceId: string, amount: number, charge: string, currency = 'usd') => ({
    id: `pi_${charge}`, object: 'payment_intent', amount, amount_received: amount, currency, latest_charge: `ch_${charge}`, metadata: { invoice_id: invoiceId },
  });

  it('connects with an admin-only PUT and never returns the secret', async () => {
    expect((await postStripe(fx.locationId, event('payment_intent.succeeded', {}))).status).toBe(404); // not connected yet
    expect((await staff.put('/api/v1/integrations/stripe', { webhookSecret: WHSEC })).status).toBe(403);
    expect((await us.put('/api/v1/integrations/stripe', { webhookSecret: 'nope' })).status).toBe(400);
    const before = await gb.get('/api/v1/integrations/stripe');
    expect(before.body).toEqual({ connected: false, webhookUrl: expect.any(String), hasSecretKey: false, connectedAt: null });
    const res = await us.put('/api/v1/integrations/stripe', { webhookSecret: WHSEC, secretKey: 'sk_test_abcdef123456' });
    expect(res.body).toEqual({ connected: true, webhookUrl: `${server.url}/webhooks/stripe/${fx.locationId}`, hasSecretKey: true, connectedAt: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/whsec_|sk_test/);
    expect((await staff.get('/api/v1/integrations/stripe')).body.connected).toBe(true);
    expect((await gb.get('/api/v1/integrations/stripe')).body.connected).toBe(false);
    const row = await server.pool.query(`SELECT secrets FROM integrations WHERE location_id = $1`, [fx.locationId]);
    expect(row.rows[0].secrets).not.toContain('whsec_');
  });

  it('replaces the secrets (without a secret key: hasSecretKey false) and disconnects (admin only); then its webhook is 404', async () => {
    const first = await gb.put('/api/v1/integrations/stripe', { webhookSecret: WHSEC, secretKey: 'rk_live_abcdef123456' });
    expect(first.body).toMatchObject({ connected: true, hasSecretKey: true });
    const replaced = await gb.put('/api/v1/integrations/stripe', { webhookSecret: `${WHSEC}x` });
    expect(replaced.body).toMatchObject({ connected: true, hasSecretKey: false });
    expect(Date.parse(replaced.body.connectedAt)).toBeGreaterThanOrEqual(Date.parse(first.body.connectedAt));
    expect((await staff.delete('/api/v1/integrations/stripe')).status).toBe(403);
    expect((await gb.delete('/api/v1/integrations/stripe')).status).toBe(200);
    expect((await gb.get('/api/v1/integrations/stripe')).body).toMatchObject({ connected: false, hasSecretKey: false, connectedAt: null });
    expect((await postStripe(fx.otherLocationId, event('payment_intent.succeeded', {}), { secret: `${WHSEC}x` })).status).toBe(404);
    expect((await us.get('/api/v1/integrations/stripe')).body.connected).toBe(true); // the other location's stays
  });

  it('refuses a missing, wrong or stale signature with 400 and stores nothing; unknown location 404', async () => {
    const inv = await draft(us, noah.id);
    const body = event('payment_intent.succeeded', pi(inv.id, 45000, 'bad'));
    const before = await stored();
    expect((await postStripe(fx.locationId, body, { header: null })).body.error.code).toBe('signature_missing');
    const forged = await postStripe(fx.locationId, body, { secret: 'whsec_not_the_secret' });
    expect(forged).toMatchObject({ status: 400, body: { error: { code: 'signature_mismatch' } } });
    const stale = await postStripe(fx.locationId, body, { at: Math.floor(Date.now() / 1000) - 301 });
    expect(stale).toMatchObject({ status: 400, body: { error: { code: 'signature_stale' } } });
    expect(await stored()).toBe(before);
    expect((await us.get(`/api/v1/invoices/${inv.id}`)).body).toMatchObject({ status: 'draft', amountPaid: 0, transactions: [] });
    expect((await postStripe('00000000-0000-4000-8000-000000000000', body)).status).toBe(404);
    expect((await postStripe('not-a-uuid', body)).status).toBe(404);
  });

  it('marks the invoice paid on a valid event (card by Stripe); a redelivery or a second event for the charge changes nothing', async () => {
    const inv = await draft(us, maya.id, [item('Laser', 1, 45000)]);
    await us.post(`/api/v1/invoices/${inv.id}/send`);
    const body = event('payment_intent.succeeded', pi(inv.id, 45000, 'full1'));
    const res = await postStripe(fx.locationId, body);
    expect(res).toMatchObject({ status: 200, body: { received: true, outcome: 'paid' } });
    const paid = (await us.get(`/api/v1/invoices/${inv.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', amountPaid: 45000, amountDue: 0 });
    expect(paid.transactions).toEqual([expect.objectContaining({ provider: 'stripe', method: 'card', amount: 45000, currency: 'USD', status: 'succeeded', providerChargeId: 'ch_full1' })]);
    const card = (await cards(maya.id)).at(-1)!;
    expect(card).toMatchObject({ message_type: 'TYPE_ACTIVITY_PAYMENT', body: `Payment received: $450.00 (card, Stripe) — ${inv.number} paid in full` });
    expect(card.meta).toMatchObject({ record: { type: 'invoice', id: inv.id }, actor: { type: 'provider', name: 'Stripe' } });
    const nCards = (await cards(maya.id)).length;

    expect((await postStripe(fx.locationId, body)).body.outcome).toBe('duplicate_event');
    const sameCharge = event('invoice.paid', { id: 'in_1', object: 'invoice', amount_paid: 45000, currency: 'usd', charge: 'ch_full1', metadata: { invoice_id: inv.id } });
    expect((await postStripe(fx.locationId, sameCharge)).body.outcome).toBe('duplicate_charge');
    expect((await us.get(`/api/v1/invoices/${inv.id}`)).body.transactions).toHaveLength(1);
    expect((await cards(maya.id)).length).toBe(nCards);
  });

  it('records a payment that does not fit as a failed transaction, invoice unchanged, answered 200', async () => {
    const inv = await draft(us, noah.id, [item('Peel', 1, 20000)]);
    await us.post(`/api/v1/invoices/${inv.id}/send`);
    const over = await postStripe(fx.locationId, event('payment_intent.succeeded', pi(inv.id, 25000, 'over')));
    expect(over).toMatchObject({ status: 200, body: { outcome: 'payment_failed' } });
    const euro = await postStripe(fx.locationId, event('payment_intent.succeeded', pi(inv.id, 20000, 'eur', 'eur')));
    expect(euro.status).toBe(200);
    const after = (await us.get(`/api/v1/invoices/${inv.id}`)).body;
    expect(after).toMatchObject({ status: 'sent', amountPaid: 0, amountDue: 20000 });
    expect(after.transactions.map((x: any) => [x.status, x.amount, x.reason])).toEqual([
      ['failed', 25000, 'amount mismatch'],
      ['failed', 20000, 'currency mismatch'],
    ]);
    expect((await cards(noah.id)).at(-1)).toMatchObject({ message_type: 'TYPE_ACTIVITY_PAYMENT', body: `Payment failed: $200.00 for ${inv.number} (currency mismatch)` });
  });

  it('takes a partial payment, records a declined one and a refund (amount paid reduced)', async () => {
    const inv = await draft(us, noah.id, [item('Course', 1, 30000)]);
    await us.post(`/api/v1/invoices/${inv.id}/send`);
    const part = await postStripe(fx.locationId, event('invoice.payment_succeeded', { id: 'in_p', object: 'invoice', amount_paid: 10000, currency: 'usd', charge: 'ch_part', metadata: { invoice_id: inv.id } }));
    expect(part.body.outcome).toBe('partially_paid');
    const failed = await postStripe(fx.locationId, event('invoice.payment_failed', { id: 'in_p', object: 'invoice', amount_due: 20000, currency: 'usd', metadata: { invoice_id: inv.id } }));
    expect(failed.body.outcome).toBe('payment_failed');
    const refund = { id: 'ch_part', object: 'charge', amount: 10000, amount_refunded: 4000, currency: 'usd', metadata: { invoice_id: inv.id } };
    expect((await postStripe(fx.locationId, event('charge.refunded', refund))).body.outcome).toBe('refunded');
    // Another event with the same cumulative refund adds nothing.
    expect((await postStripe(fx.locationId, event('charge.refunded', refund))).body.outcome).toBe('ignored_nothing_new_refunded');
    const after = (await us.get(`/api/v1/invoices/${inv.id}`)).body;
    expect(after).toMatchObject({ status: 'partially_paid', amountPaid: 6000, amountDue: 24000 });
    expect(after.transactions.map((x: any) => [x.status, x.amount])).toEqual([['succeeded', 10000], ['failed', 20000], ['refunded', 4000]]);
    expect((await cards(noah.id)).at(-1)!.body).toBe(`Refund: $40.00 returned on ${inv.number} — $240.00 now due`);
  });

  it("ignores (200, logged) events for another location's invoice, without an invoice id, or of other types", async () => {
    const gbContact = (await gb.post('/api/v1/contacts', { name: 'Other Clinic Client' })).body;
    const theirs = await draft(gb, gbContact.id);
    const res = await postStripe(fx.locationId, event('payment_intent.succeeded', pi(theirs.id, 45000, 'x1', 'gbp')));
    expect(res).toMatchObject({ status: 200, body: { outcome: 'ignored_unknown_invoice' } });
    expect((await gb.get(`/api/v1/invoices/${theirs.id}`)).body).toMatchObject({ amountPaid: 0, transactions: [] });
    expect((await postStripe(fx.locationId, event('payment_intent.succeeded', { id: 'pi_z', amount: 1, currency: 'usd', metadata: {} }))).body.outcome).toBe('ignored_no_invoice_id');
    expect((await postStripe(fx.locationId, event('customer.created', { id: 'cus_1' }))).body.outcome).toBe('ignored_event_type');
  });
});

describe('tenancy', () => {
  it("answers 404 for another location's invoice on every route, and for its contact on create", async () => {
    const inv = await draft(us, noah.id);
    expect((await gb.get(`/api/v1/invoices/${inv.id}`)).status).toBe(404);
    expect((await gb.patch(`/api/v1/invoices/${inv.id}`, { dueDate: '2099-01-01' })).status).toBe(404);
    expect((await gb.post(`/api/v1/invoices/${inv.id}/send`)).status).toBe(404);
    expect((await gb.post(`/api/v1/invoices/${inv.id}/void`)).status).toBe(404);
    expect((await gb.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 1, method: 'cash' })).status).toBe(404);
    expect((await gb.post('/api/v1/invoices', { contactId: noah.id, items: [item('x', 1, 1)] })).status).toBe(404);
    expect((await gb.get(`/api/v1/invoices?contactId=${noah.id}`)).body.items).toEqual([]);
    expect((await us.get(`/api/v1/invoices/${inv.id}`)).body).toMatchObject({ status: 'draft', amountPaid: 0 });
  });
});

describe('real time', () => {
  it('emits invoice.created and invoice.updated, and the cards as messages', async () => {
    const ws = await us.socket();
    await ws.ready();
    const inv = await draft(us, noah.id);
    await us.post(`/api/v1/invoices/${inv.id}/payments`, { amount: 100, method: 'other' });
    await ws.waitFor((f) => f.some((x) => x.type === 'invoice.created' && x.data.id === inv.id), 5000, 'invoice.created');
    await ws.waitFor((f) => f.some((x) => x.type === 'invoice.updated' && x.data.id === inv.id && x.data.amountPaid === 100), 5000, 'invoice.updated');
    await ws.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.messageType === 'TYPE_ACTIVITY_PAYMENT'), 5000, 'payment card');
    await ws.close();
  });
});
