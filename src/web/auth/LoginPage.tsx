import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api';
import { login, takeLoginNotice } from '../lib/session';
import { ForgotPassword } from './ForgotPassword';
import './auth.css';

export function LoginPage({ notice }: { notice?: string }) {
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(notice ?? null);
  const [info] = useState(takeLoginNotice);
  const [busy, setBusy] = useState(false);
  const [forgot, setForgot] = useState(false);

  if (forgot) return <ForgotPassword initialEmail={email} onBack={() => setForgot(false)} />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(email, password);
      qc.setQueryData(['me'], me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 429) {
        const wait = Number(err.details?.retryAfterSeconds ?? 60);
        setError(`Too many sign-in attempts. Please wait ${wait} seconds and try again.`);
      } else if (err instanceof ApiError && err.code === 'invalid_credentials') {
        setError('That e-mail and password do not match. Check them and try again.');
      } else if (err instanceof ApiError && err.code === 'validation_failed') {
        setError('Enter a valid e-mail address.');
      } else {
        setError(err instanceof Error ? err.message : 'Sign-in failed.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-screen">
      <form className="login-card" onSubmit={submit} noValidate aria-labelledby="login-title">
        <div className="login-brand">
          <span className="brand-mark" aria-hidden="true">A</span>
          <span className="brand-name">Aesthetix</span>
        </div>
        <h1 id="login-title">Sign in to your inbox</h1>
        {info && (
          <p className="auth-notice" role="status">
            {info}
          </p>
        )}
        <label className="field">
          <span>E-mail</span>
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary block" disabled={busy || !email || !password}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="auth-switch">
          <button type="button" className="link-button" onClick={() => setForgot(true)}>
            Forgot password?
          </button>
        </p>
      </form>
    </div>
  );
}
