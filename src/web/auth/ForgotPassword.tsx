/** "Forgot password?" on the sign-in page: a reset link by e-mail, or — without system mail — whom to ask. */
import { useState, type FormEvent } from 'react';
import { errorMessage, post } from '../lib/api';
import { useAuthOptions } from '../lib/queries';
import { Spinner } from '../ui/Spinner';
import { AuthCard } from './AuthCard';

export function ForgotPassword({ initialEmail, onBack }: { initialEmail: string; onBack(): void }) {
  const options = useAuthOptions();
  const [email, setEmail] = useState(initialEmail);
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError('Enter the e-mail address you sign in with.');
      return;
    }
    setBusy(true);
    try {
      setSent((await post<{ message: string }>('/auth/forgot', { email: email.trim() })).message);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <button type="button" className="button block" onClick={onBack}>
      Back to sign in
    </button>
  );
  if (options.isPending) return <Spinner label="Loading" fullscreen />;
  if (options.data && !options.data.systemMail) {
    return (
      <AuthCard title="Forgot your password?">
        <p className="auth-text">This server does not send e-mail. Ask an admin of your team: they can give you a link to choose a new password (Settings → Team → Reset link).</p>
        {back}
      </AuthCard>
    );
  }
  if (sent) {
    return (
      <AuthCard title="Check your e-mail">
        <p className="auth-text" role="status">
          {sent}
        </p>
        {back}
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Forgot your password?" onSubmit={submit}>
      <p className="auth-text">Enter the e-mail you sign in with and we will send you a link to choose a new password.</p>
      <label className="field">
        <span>E-mail</span>
        <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary block" disabled={busy}>
        {busy ? 'Sending…' : 'Send reset link'}
      </button>
      {back}
    </AuthCard>
  );
}
