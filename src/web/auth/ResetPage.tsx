/** /reset/<token>: choosing a new password with a one-time link; then signed in (everywhere else out). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { Me } from '#shared/auth';
import { passwordShapeProblem } from '#shared/password-policy';
import { ApiError, get, post, setCsrfToken } from '../lib/api';
import { Spinner } from '../ui/Spinner';
import { AuthCard, LinkProblem } from './AuthCard';
import { NewPasswordField, policyError } from './NewPasswordField';

const PROBLEM_TITLES: Record<string, string> = {
  reset_expired: 'This reset link has expired',
  reset_used: 'This reset link was already used',
};

export default function ResetPage({ token }: { token: string }) {
  const info = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => get<{ email: string; expiresAt: string }>(`/auth/reset/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Infinity,
  });
  const [done, setDone] = useState(false);
  if (done) {
    return (
      <AuthCard title="Password changed">
        <p className="auth-text">Your new password is set and every other session was signed out. Sign in with it.</p>
        <a className="button primary block" href="/">
          Go to sign in
        </a>
      </AuthCard>
    );
  }
  if (info.isPending) return <Spinner label="Checking your link" fullscreen />;
  if (info.isError) {
    const code = info.error instanceof ApiError ? info.error.code : '';
    return <LinkProblem title={PROBLEM_TITLES[code] ?? 'This reset link does not work'} message={info.error.message} />;
  }
  return <ResetForm token={token} email={info.data.email} onDone={() => setDone(true)} />;
}

function ResetForm({ token, email, onDone }: { token: string; email: string; onDone(): void }) {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (passwordShapeProblem(password, { email })) return;
    setBusy(true);
    try {
      const res = await post<{ signedIn: boolean; me: Me | null }>(`/auth/reset/${encodeURIComponent(token)}`, { password });
      qc.clear();
      if (res.me) {
        setCsrfToken(res.me.csrfToken);
        qc.setQueryData(['me'], res.me);
        navigate('/', { replace: true });
      } else {
        onDone();
      }
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  const policy = policyError(error);
  return (
    <AuthCard title="Choose a new password" onSubmit={submit}>
      <p className="auth-text">
        For the account <strong>{email}</strong>. Setting it signs this account out on every device.
      </p>
      <input type="email" autoComplete="username" value={email} readOnly hidden />
      <NewPasswordField value={password} onChange={(v) => (setPassword(v), setError(null))} who={{ email }} checked={checked} serverError={policy} />
      {error != null && !policy && (
        <p className="form-error" role="alert">
          {(error as Error).message}
        </p>
      )}
      <button type="submit" className="button primary block" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
    </AuthCard>
  );
}
