import { useState, type FormEvent } from 'react';
import { ApiError, errorMessage, post } from '../lib/api';
import { Field } from './Field';

const EMPTY = { phoneNumber: '', accountSid: '', authToken: '', forwardingNumber: '', helpText: '' };

/** Connect a Twilio number: the auth token is sent once and stored encrypted. */
export function ConnectTwilioForm({ onConnected }: { onConnected(): void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      await post('/channels', {
        type: 'twilio',
        phoneNumber: form.phoneNumber,
        accountSid: form.accountSid.trim(),
        authToken: form.authToken.trim(),
        ...(form.forwardingNumber.trim() && { forwardingNumber: form.forwardingNumber }),
        ...(form.helpText.trim() && { helpText: form.helpText }),
      });
      setForm(EMPTY);
      onConnected();
    } catch (err) {
      const fields = (err instanceof ApiError ? (err.details?.fields as { field: string; message: string }[] | undefined) : undefined) ?? [];
      if (fields.length) setErrors(Object.fromEntries(fields.map((f) => [f.field.replace(/^body\./, ''), f.message])));
      else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="connect-title">
      <header className="settings-head">
        <h2 id="connect-title">Connect a Twilio number</h2>
        <p className="muted">Find the Account SID and Auth Token on your Twilio console. The token is stored encrypted and never shown again.</p>
      </header>
      <form className="settings-card settings-form" onSubmit={submit} noValidate>
        <div className="settings-row">
          <Field label="Twilio phone number" error={errors.phoneNumber}>
            {(p) => <input {...p} type="tel" value={form.phoneNumber} onChange={set('phoneNumber')} placeholder="(212) 555-0100" required />}
          </Field>
          <Field label="Calls ring (forwarding number)" error={errors.forwardingNumber} hint="Optional: where incoming calls are forwarded.">
            {(p) => <input {...p} type="tel" value={form.forwardingNumber} onChange={set('forwardingNumber')} />}
          </Field>
        </div>
        <div className="settings-row">
          <Field label="Account SID" error={errors.accountSid}>
            {(p) => <input {...p} type="text" value={form.accountSid} onChange={set('accountSid')} placeholder="AC…" autoComplete="off" spellCheck={false} required />}
          </Field>
          <Field label="Auth token" error={errors.authToken}>
            {(p) => <input {...p} type="password" value={form.authToken} onChange={set('authToken')} autoComplete="new-password" required />}
          </Field>
        </div>
        <Field label="Reply to HELP" error={errors.helpText} hint="Optional: sent when a client texts HELP or INFO.">
          {(p) => <input {...p} type="text" value={form.helpText} onChange={set('helpText')} />}
        </Field>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={busy || !form.phoneNumber || !form.accountSid || !form.authToken}>
            {busy ? 'Connecting…' : 'Connect number'}
          </button>
        </div>
      </form>
    </section>
  );
}
