/**
 * Sending an invoice: it becomes `sent`, gets its public payment page (/pay/<token>) and the link
 * goes out by SMS when it can (a connected Twilio number, a phone, no SMS DND). When it cannot, the
 * send still succeeds and the card and the invoice say why the link was not sent.
 *
 * The token: 32 random bytes, base64url. The database keeps its sha256 (unique index; what the pay
 * page looks up) and the token sealed with the secrets key (AES-256-GCM, so the team can copy the
 * link again from the invoice); a database dump without SECRET_KEY opens no payment page from
 * those. The link is never stored plain where it is not needed: not in the activity card, not in
 * link_delivery, not in the request log (app.ts redacts /pay/<token>). The one plain copy is the
 * SMS itself — the message row is what was sent to the client and what the send job hands to the
 * provider. Sending again re-sends the same link.
 */
import crypto from 'node:crypto';
import type { ActivityActor } from '#shared/activity';
import type { Contact } from '#shared/contacts';
import { formatMoney, type Invoice, type InvoiceDetail, type LinkDelivery } from '#shared/invoices';
import { sendSystemMessage } from '../messages/system-send';
import { CONTACT_COLUMNS, toContact } from '../contacts/serialize';
import { ensureConversation } from '../conversations/service';
import { withTx, type Tx } from '../db/tx';
import { conflict } from '../http/errors';
import type { Deps } from '../http/types';
import { dueText, invoiceCard, invoiceChanges, money } from './cards';
import { loadTransactions, payUrl } from './serialize';
import { contextOf, emitInvoice, loadInvoice } from './service';

export const newPayToken = () => crypto.randomBytes(32).toString('base64url');
export const payTokenHash = (token: string) => crypto.createHash('sha256').update(token).digest();

/** The invoice's words for why the link did not go by SMS (the send rules' refusal). */
const LINK_NOT_SENT: Record<string, string> = {
  no_recipient: 'the contact has no phone number',
  dnd_active: 'SMS Do Not Disturb is on for this contact',
  channel_not_connected: 'no SMS channel connected',
};

function smsText(inv: Invoice, contact: Contact, locationName: string, url: string): string {
  const hi = contact.firstName ? `Hi ${contact.firstName}, your` : 'Your';
  return `${hi} invoice ${inv.number} from ${locationName} for ${formatMoney(inv.amountDue, inv.currency)} is ready (${dueText(inv)}). View it here: ${url}`;
}

export async function sendInvoice(deps: Deps, locationId: string, id: string, actor: ActivityActor): Promise<InvoiceDetail> {
  const ctx = contextOf(deps);
  return withTx(deps.pool, async (tx) => {
    const before = await loadInvoice(tx, ctx, locationId, id, true);
    if (before.status === 'void' || before.status === 'paid') {
      throw conflict('invoice_not_sendable', `Invoice ${before.number} is ${before.status}: there is nothing to send.`);
    }
    const tokenRow = await tx.query('SELECT pay_token FROM invoices WHERE location_id = $1 AND id = $2', [locationId, id]);
    const token = tokenRow.rows[0].pay_token ? deps.secrets.decrypt(tokenRow.rows[0].pay_token) : newPayToken();
    const url = payUrl(deps.config.publicUrl, token);
    await tx.query(
      `UPDATE invoices SET status = CASE WHEN status = 'draft' THEN 'sent' ELSE status END, sent_at = now(),
              pay_token_hash = $3, pay_token = $4, updated_at = now()
        WHERE location_id = $1 AND id = $2`,
      [locationId, id, payTokenHash(token), deps.secrets.encrypt(token)],
    );
    const sent = await loadInvoice(tx, ctx, locationId, id);

    const c = await tx.query(`SELECT ${CONTACT_COLUMNS} FROM contacts WHERE location_id = $1 AND id = $2`, [locationId, sent.contactId]);
    const contact = toContact(c.rows[0]);
    const resend = before.status !== 'draft';
    const what = `Invoice ${sent.number} ${resend ? 'sent again' : 'sent'}: ${money(sent, sent.amountDue)} ${dueText(sent)}`;
    // The link goes (or is refused by the send rules) first: the card says which.
    const loc = await tx.query('SELECT name FROM locations WHERE id = $1', [locationId]);
    const userId = actor.type === 'user' ? (actor.id ?? null) : null;
    const sms = await sendSystemMessage(tx, deps, { locationId, contact, type: 'SMS', body: smsText(sent, contact, loc.rows[0].name, url), userId });
    const blocker = 'refused' in sms ? (LINK_NOT_SENT[sms.refused.code] ?? sms.refused.message) : null;
    await invoiceCard(tx, locationId, sent, {
      action: resend ? 'resent' : 'sent',
      summary: blocker ? `${what}. Payment link not sent: ${blocker}.` : `${what}. Payment link sent by SMS.`,
      actor,
      changes: invoiceChanges(before, sent),
      // Never the link itself: a card travels to every socket of the location and stays in the thread;
      // who may see the invoice gets its link from GET /invoices/{id}.
      details: { linkSent: !blocker, ...(blocker && { linkNotSentReason: blocker }) },
    });
    const delivery: LinkDelivery =
      'message' in sms
        ? { channel: 'SMS', to: contact.phone, messageId: sms.message.id, reason: null, at: new Date().toISOString() }
        : { channel: null, to: null, messageId: null, reason: blocker, at: new Date().toISOString() };
    await tx.query('UPDATE invoices SET link_delivery = $3 WHERE location_id = $1 AND id = $2', [locationId, id, JSON.stringify(delivery)]);
    const after = await loadInvoice(tx, ctx, locationId, id);
    emitInvoice(tx, locationId, 'invoice.updated', after);
    return { ...after, transactions: await loadTransactions(tx, locationId, id) };
  });
}
