/**
 * Connecting Stripe, or replacing its keys: the webhook signing secret (whsec_…) and, optionally,
 * the secret key. Both are sent once, stored encrypted, and never shown again: the boxes empty
 * once saved.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Check } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import type { StripeIntegration } from '#shared/invoices';
import { put } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { Field } from '../Field';
import { stripeKey } from './query';

const LABELS: Record<string, string> = { webhookSecret: 'Webhook signing secret', secretKey: 'Secret key' };

export function StripeConnectForm({ connected }: { connected: boolean }) {
  const qc = useQueryClient();
  const [webhookSecret, setWebhookSecret] = useState('');
  const [secretKey, setSecretKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fields = Object.fromEntries(Object.entries(fieldErrors(error)).map(([k, m]) => [k, `${LABELS[k] ?? k} ${m}.`]));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const answer = await put<StripeIntegration>('/integrations/stripe', { webhookSecret: webhookSecret.trim(), ...(secretKey.trim() && { secretKey: secretKey.trim() }) });
      qc.setQueryData(stripeKey, answer);
      setWebhookSecret('');
      setSecretKey('');
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="stripe-connect-title">
      <header className="settings-head">
        <h2 id="stripe-connect-title">{connected ? 'Replace the Stripe keys' : 'Connect Stripe'}</h2>
        <p className="muted">
          {connected ? 'The keys stored now are never shown. Saving new ones replaces them.' : 'The keys are stored encrypted and never shown again.'}
        </p>
      </header>
      <form className="settings-card settings-form" onSubmit={submit} noValidate aria-label={connected ? 'Replace the Stripe keys' : 'Connect Stripe'}>
        <Field label="Webhook signing secret" error={fields.webhookSecret} hint="From the webhook endpoint in Stripe; it starts with whsec_.">
          {(p) => <input {...p} type="password" value={webhookSecret} onChange={(e) => setWebhookSecret(e.target.value)} placeholder="whsec_…" autoComplete="off" spellCheck={false} />}
        </Field>
        <Field label="Secret key" error={fields.secretKey} hint="Optional: a secret (sk_…) or restricted (rk_…) key of the account.">
          {(p) => <input {...p} type="password" value={secretKey} onChange={(e) => setSecretKey(e.target.value)} placeholder="sk_live_…" autoComplete="off" spellCheck={false} />}
        </Field>
        {error != null && Object.keys(fields).length === 0 && (
          <p className="form-error" role="alert">
            {plainError(error, (k) => LABELS[k] ?? k)}
          </p>
        )}
        <div className="settings-actions">
          {saved && (
            <span className="settings-saved" role="status">
              <Check size={14} aria-hidden="true" /> Saved: Stripe is connected
            </span>
          )}
          <button type="submit" className="button primary" disabled={busy || !webhookSecret.trim()}>
            {busy ? 'Saving…' : connected ? 'Replace keys' : 'Connect Stripe'}
          </button>
        </div>
      </form>
    </section>
  );
}
