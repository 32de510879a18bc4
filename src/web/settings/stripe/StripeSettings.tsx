/**
 * Settings → Stripe: whether the location's Stripe account is connected (never its secrets), the
 * webhook URL to give Stripe, connecting or replacing the keys, and disconnecting.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Check, CircleDashed, Copy } from 'lucide-react';
import { useState } from 'react';
import type { StripeIntegration } from '#shared/invoices';
import { del, errorMessage, get } from '../../lib/api';
import { fullDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { Spinner } from '../../ui/Spinner';
import { ConfirmAction } from '../ConfirmAction';
import { StripeConnectForm } from './StripeConnectForm';
import { stripeKey } from './query';
import '../controls.css';
import './stripe.css';

/** The events the webhook handles (src/server/invoices/stripe-webhook.ts). */
const EVENTS = ['payment_intent.succeeded', 'payment_intent.processing', 'invoice.paid', 'invoice.payment_succeeded', 'invoice.payment_failed', 'charge.refunded'];

export function StripeSettings() {
  const qc = useQueryClient();
  const { timeZone } = useSession();
  const stripe = useQuery({ queryKey: stripeKey, queryFn: () => get<StripeIntegration>('/integrations/stripe') });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [confirming, setConfirming] = useState(false);

  async function disconnect() {
    setBusy(true);
    setError(null);
    try {
      await del('/integrations/stripe');
      qc.setQueryData<StripeIntegration>(stripeKey, (s) => s && { ...s, connected: false, hasSecretKey: false, connectedAt: null });
    } catch (err) {
      setError(`Could not disconnect Stripe: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  }

  function copy(url: string) {
    void navigator.clipboard?.writeText(url).then(() => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    });
  }

  return (
    <>
      <section className="settings-section" aria-labelledby="stripe-title">
        <header className="settings-head">
          <h2 id="stripe-title">Stripe</h2>
          <p className="muted">Clients pay invoices through the clinic’s Stripe account. Stripe tells the inbox about each payment through a signed webhook.</p>
        </header>
        {stripe.isPending ? (
          <Spinner label="Loading the Stripe connection" />
        ) : stripe.isError ? (
          <div className="settings-card settings-problem" role="alert">
            <p>Could not load the Stripe connection: {errorMessage(stripe.error)}</p>
            <button type="button" className="button" onClick={() => void stripe.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <article className="settings-card stripe-card" aria-label="Stripe connection">
            <header className={confirming ? 'stripe-head is-confirming' : 'stripe-head'}>
              {stripe.data.connected ? (
                <div className="stripe-state">
                  <span className="chip stripe-connected">
                    <Check size={13} aria-hidden="true" /> Connected
                  </span>
                  <span className="muted">
                    {stripe.data.connectedAt && `Keys saved ${fullDateTime(stripe.data.connectedAt, timeZone)}. `}
                    {stripe.data.hasSecretKey ? 'Webhook secret and secret key stored.' : 'Webhook secret stored, no secret key.'}
                  </span>
                </div>
              ) : (
                <div className="stripe-state">
                  <span className="chip">
                    <CircleDashed size={13} aria-hidden="true" /> Not connected
                  </span>
                  <span className="muted">Payments made in Stripe are not recorded on invoices yet.</span>
                </div>
              )}
              {stripe.data.connected &&
                (busy ? (
                  <span className="muted" role="status">
                    Disconnecting…
                  </span>
                ) : (
                  <ConfirmAction
                    trigger="Disconnect"
                    question="Disconnect Stripe? Its payments will no longer reach the invoices."
                    confirmLabel="Disconnect"
                    onConfirm={() => void disconnect()}
                    onAsking={setConfirming}
                  />
                ))}
            </header>
            {error && (
              <p className="form-error" role="alert">
                {error}
              </p>
            )}
            <div className="stripe-webhook">
              <span className="settings-label" id="stripe-webhook-label">
                Webhook endpoint URL
              </span>
              <div className="stripe-url">
                <code aria-labelledby="stripe-webhook-label">{stripe.data.webhookUrl}</code>
                <button type="button" className="icon-button" aria-label="Copy the webhook URL" onClick={() => copy(stripe.data.webhookUrl)}>
                  <Copy size={13} aria-hidden="true" />
                </button>
                {copied && <span className="settings-saved">Copied</span>}
              </div>
              <p className="muted">In Stripe → Developers → Webhooks, add an endpoint with this URL, listening to these events:</p>
              <ul className="stripe-events" aria-label="Events to send">
                {EVENTS.map((e) => (
                  <li key={e}>
                    <code>{e}</code>
                  </li>
                ))}
              </ul>
              <p className="muted">Then reveal the endpoint’s signing secret in Stripe and paste it below.</p>
            </div>
          </article>
        )}
      </section>
      {stripe.data && <StripeConnectForm connected={stripe.data.connected} />}
    </>
  );
}
