/**
 * /invite/<token>: joining a team. A new person chooses their name and a password; someone who
 * already has an account signs in with it to accept. The page never says which applies (it cannot
 * know without telling whoever holds the link): the person picks, and the server refuses a new
 * account for an address that has one.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation } from 'wouter';
import type { Me } from '#shared/auth';
import { passwordShapeProblem } from '#shared/password-policy';
import type { PublicInvitation } from '#shared/team';
import { ApiError, get, post, setCsrfToken } from '../lib/api';
import { Spinner } from '../ui/Spinner';
import { AuthCard, LinkProblem } from './AuthCard';
import { NewPasswordField, policyError } from './NewPasswordField';

const PROBLEM_TITLES: Record<string, string> = {
  invitation_expired: 'This invitation has expired',
  invitation_used: 'This invitation was already accepted',
};

export default function InvitePage({ token }: { token: string }) {
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => get<PublicInvitation>(`/auth/invitations/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Infinity,
  });
  if (invitation.isPending) return <Spinner label="Opening your invitation" fullscreen />;
  if (invitation.isError) {
    const err = invitation.error;
    const code = err instanceof ApiError ? err.code : '';
    return <LinkProblem title={PROBLEM_TITLES[code] ?? 'This invitation link does not work'} message={err.message} />;
  }
  return <Accept token={token} invitation={invitation.data} />;
}

function Accept({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const [mode, setMode] = useState<'new' | 'existing'>('new');
  const [name, setName] = useState(invitation.name ?? '');
  const [password, setPassword] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const place = invitation.location.name;
  const role = invitation.role === 'admin' ? 'an admin' : 'a team member';

  function switchTo(next: 'new' | 'existing', why: string | null = null) {
    setMode(next);
    setPassword('');
    setChecked(false);
    setError(null);
    setNotice(why);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (mode === 'new' && (!name.trim() || passwordShapeProblem(password, { email: invitation.email, name }))) return;
    if (mode === 'existing' && !password) return;
    setBusy(true);
    try {
      const body = mode === 'new' ? { account: 'new', name: name.trim(), password } : { account: 'existing', password };
      const me = await post<Me>(`/auth/invitations/${encodeURIComponent(token)}/accept`, body);
      setCsrfToken(me.csrfToken);
      qc.clear();
      qc.setQueryData(['me'], me);
      navigate('/', { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'account_exists') switchTo('existing', err.message);
      else setError(err);
      setBusy(false);
    }
  }

  const policy = policyError(error);
  const other = error && !policy ? (error instanceof ApiError && error.code === 'invalid_credentials' ? 'That password is not correct for this e-mail.' : (error as Error).message) : null;

  return (
    <AuthCard title={`Join ${place}`} onSubmit={submit}>
      <p className="auth-text">
        You are invited to work in the {place} inbox as {role}, with the e-mail <strong>{invitation.email}</strong>.
      </p>
      {notice && (
        <p className="auth-notice" role="status">
          {notice}
        </p>
      )}
      {mode === 'new' ? (
        <>
          <label className="field">
            <span>Your name</span>
            <input type="text" autoComplete="name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} aria-invalid={checked && !name.trim() ? true : undefined} />
            {checked && !name.trim() && <small className="field-error">Enter your name as the team will see it.</small>}
          </label>
          <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
          <NewPasswordField label="Choose a password" value={password} onChange={(v) => (setPassword(v), setError(null))} who={{ email: invitation.email, name }} checked={checked} serverError={policy} />
        </>
      ) : (
        <>
          <input type="email" autoComplete="username" value={invitation.email} readOnly hidden />
          <label className="field">
            <span>Password of your account</span>
            <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus />
          </label>
        </>
      )}
      {other && (
        <p className="form-error" role="alert">
          {other}
        </p>
      )}
      <button type="submit" className="button primary block" disabled={busy}>
        {busy ? 'Joining…' : mode === 'new' ? 'Create account and join' : 'Sign in and join'}
      </button>
      <p className="auth-switch">
        {mode === 'new' ? (
          <>
            Already have an Aesthetix account?{' '}
            <button type="button" className="link-button" onClick={() => switchTo('existing')}>
              Sign in to accept
            </button>
          </>
        ) : (
          <>
            New to Aesthetix?{' '}
            <button type="button" className="link-button" onClick={() => switchTo('new')}>
              Create an account instead
            </button>
          </>
        )}
      </p>
    </AuthCard>
  );
}
