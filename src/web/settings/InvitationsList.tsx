/** Invitations not yet accepted: who, which role, until when; resend (a new link) or revoke. */
import { useQueryClient } from '@tanstack/react-query';
import { RefreshCw, X } from 'lucide-react';
import { useState } from 'react';
import type { Invitation, InvitationLink } from '#shared/team';
import { del, errorMessage, post } from '../lib/api';
import { keys, useInvitations } from '../lib/queries';
import { Spinner } from '../ui/Spinner';
import { ConfirmAction } from './ConfirmAction';
import { OneTimeLink } from './OneTimeLink';

const day = 86400_000;
function expiry(i: Invitation): string {
  if (i.status === 'expired') return 'Expired';
  const days = Math.ceil((new Date(i.expiresAt).getTime() - Date.now()) / day);
  return days <= 1 ? 'Expires within a day' : `Expires in ${days} days`;
}

export function InvitationsList() {
  const invitations = useInvitations();
  const qc = useQueryClient();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [made, setMade] = useState<InvitationLink | null>(null);

  async function run(i: Invitation, action: () => Promise<unknown>, failure: string) {
    setBusyId(i.id);
    setError(null);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: keys.invitations() });
    } catch (err) {
      setError(`${failure}: ${errorMessage(err)}`);
    } finally {
      setBusyId(null);
    }
  }
  const resend = (i: Invitation) => void run(i, async () => setMade(await post<InvitationLink>(`/invitations/${i.id}/resend`)), `Could not resend to ${i.email}`);
  const revoke = (i: Invitation) =>
    void run(
      i,
      async () => {
        await del(`/invitations/${i.id}`);
        if (made?.id === i.id) setMade(null);
      },
      `Could not revoke ${i.email}’s invitation`,
    );

  if (invitations.isPending) return <Spinner label="Loading invitations" />;
  if (invitations.isError) {
    return (
      <div className="settings-card settings-problem" role="alert">
        <p>Could not load the invitations: {errorMessage(invitations.error)}</p>
        <button type="button" className="button" onClick={() => void invitations.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (invitations.data.length === 0 && !made) return null;
  return (
    <section className="settings-section" aria-labelledby="invited-title">
      <header className="settings-head">
        <h2 id="invited-title">Invited</h2>
        <p className="muted">Not joined yet. Resending makes a new link (the old one stops working) valid for 7 more days.</p>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {made && <OneTimeLink title={`New link for ${made.email}`} link={made.link} expiresAt={made.expiresAt} mailed={made.mailed} to={made.email} onClose={() => setMade(null)} />}
      {invitations.data.length > 0 && (
        <ul className="settings-card invite-list" aria-label={`Invitations (${invitations.data.length})`}>
          {invitations.data.map((i) => (
            <li key={i.id} className={busyId === i.id ? 'invite-row is-busy' : 'invite-row'}>
              <div className="invite-who">
                <span className="tm-name">{i.name ? `${i.name} · ` : ''}{i.email}</span>
                <span className="tm-email">
                  {i.role === 'admin' ? 'Admin' : 'User'} · <span className={i.status === 'expired' ? 'invite-expired' : undefined}>{expiry(i)}</span>
                  {i.invitedBy && <> · invited by {i.invitedBy.name}</>}
                </span>
              </div>
              <div className="invite-actions">
                <button type="button" className="button small" disabled={busyId === i.id} onClick={() => resend(i)}>
                  <RefreshCw size={13} aria-hidden="true" /> Resend
                </button>
                <ConfirmAction
                  trigger={<X size={15} aria-hidden="true" />}
                  triggerLabel={`Revoke the invitation of ${i.email}`}
                  triggerClass="icon-button tm-remove"
                  question="Revoke? The link stops working."
                  confirmLabel="Revoke"
                  disabled={busyId === i.id}
                  onConfirm={() => revoke(i)}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
