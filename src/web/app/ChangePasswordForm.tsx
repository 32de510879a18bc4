/** Changing my password from the account menu: the current one, then a new one the policy allows. */
import { useState, type FormEvent } from 'react';
import { passwordShapeProblem } from '#shared/password-policy';
import { ApiError, patch } from '../lib/api';
import { NewPasswordField, policyError } from '../auth/NewPasswordField';
import '../auth/auth.css';

export function ChangePasswordForm({ who, onDone, onCancel }: { who: { email: string; name: string }; onDone(message: string): void; onCancel(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (!current || passwordShapeProblem(next, who)) return;
    setBusy(true);
    try {
      const res = await patch<{ signedOut: number }>('/me/password', { currentPassword: current, newPassword: next });
      const others = res.signedOut === 1 ? '1 other session was' : `${res.signedOut} other sessions were`;
      onDone(res.signedOut > 0 ? `Password changed. ${others} signed out.` : 'Password changed.');
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const wrongCurrent = error instanceof ApiError && error.code === 'invalid_current_password';
  const policy = policyError(error);
  const other = error && !wrongCurrent && !policy ? (error as Error).message : null;
  return (
    <form className="um-form" onSubmit={submit} noValidate aria-label="Change password">
      <input type="email" autoComplete="username" value={who.email} readOnly hidden />
      <label className="field">
        <span>Current password</span>
        <input
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          aria-invalid={wrongCurrent || (checked && !current) ? true : undefined}
          autoFocus
        />
        {(wrongCurrent || (checked && !current)) && (
          <small className="field-error" role="alert">
            {wrongCurrent ? 'That is not your current password.' : 'Enter your current password.'}
          </small>
        )}
      </label>
      <NewPasswordField value={next} onChange={(v) => (setNext(v), setError(null))} who={who} checked={checked} serverError={policy} />
      <p className="um-note muted">Your other sessions will be signed out; this one stays.</p>
      {other && <p className="error-text">{other}</p>}
      <div className="um-actions">
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button small primary" disabled={busy}>
          {busy ? 'Saving…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
