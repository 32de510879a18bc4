/** "Sign out everywhere" from the account menu: every session of mine ends, this one included. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, post, setCsrfToken } from '../lib/api';
import { setLoginNotice } from '../lib/session';

export function SignOutEverywhere({ onCancel }: { onCancel(): void }) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      const res = await post<{ signedOut: number }>('/me/sessions/revoke-all');
      setCsrfToken(null);
      setLoginNotice(`Signed out everywhere (${res.signedOut === 1 ? '1 session' : `${res.signedOut} sessions`}, this one included).`);
      qc.clear();
      qc.setQueryData(['me'], null);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <div className="um-form" role="group" aria-label="Sign out everywhere">
      <p className="um-note">Signs you out on every device and browser, this one included. Use it if you signed in somewhere you should not stay signed in.</p>
      {error && <p className="error-text">{error}</p>}
      <div className="um-actions">
        <button type="button" className="button small" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button small danger" disabled={busy} onClick={() => void confirm()} autoFocus>
          {busy ? 'Signing out…' : 'Sign out everywhere'}
        </button>
      </div>
    </div>
  );
}
