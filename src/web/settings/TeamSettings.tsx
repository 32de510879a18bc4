/** The team of this location: who they are, their role, reset links, removing them; invitations. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { TeamMember } from '#shared/team';
import type { ResetLink } from '#shared/auth';
import { del, errorMessage, patch, post } from '../lib/api';
import { keys, useTeam } from '../lib/queries';
import { useSession } from '../lib/session';
import { Spinner } from '../ui/Spinner';
import { InvitationsList } from './InvitationsList';
import { InviteMemberForm } from './InviteMemberForm';
import { OneTimeLink } from './OneTimeLink';
import { TeamMemberRow } from './TeamMemberRow';

export function TeamSettings() {
  const team = useTeam();
  const qc = useQueryClient();
  const { me } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [reset, setReset] = useState<(ResetLink & { member: TeamMember }) | null>(null);

  async function run(member: TeamMember, action: () => Promise<unknown>, failure: string) {
    setError(null);
    setBusyId(member.id);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: keys.team() });
      // Your own role changed: the session (and who may see settings) changes with it.
      if (member.id === me.user?.id) await qc.invalidateQueries({ queryKey: ['me'] });
    } catch (err) {
      setError(`${failure}: ${errorMessage(err)}`);
    } finally {
      setBusyId(null);
    }
  }

  const changeRole = (m: TeamMember, role: TeamMember['role']) => {
    if (m.id === me.user?.id && role === 'user' && !window.confirm('You will no longer be an admin and will lose access to settings. Continue?')) return;
    void run(m, () => patch(`/users/${m.id}`, { role }), `Could not change ${m.name}’s role`);
  };
  const setOnlyAssigned = (m: TeamMember, onlyAssigned: boolean) =>
    void run(m, () => patch(`/users/${m.id}`, { onlyAssigned }), `Could not change what ${m.name} sees`);
  const remove = (m: TeamMember) => void run(m, () => del(`/users/${m.id}`), `Could not remove ${m.name}`);
  const resetLink = (m: TeamMember) =>
    void run(m, async () => setReset({ ...(await post<ResetLink>(`/users/${m.id}/password-reset`)), member: m }), `Could not make a reset link for ${m.name}`);

  return (
    <>
      <section className="settings-section" aria-labelledby="team-title">
        <header className="settings-head">
          <h2 id="team-title">Team</h2>
          <p className="muted">
            Admins can change settings and manage the team; users work the inbox. “Only assigned” members see only the conversations
            assigned to them. A reset link lets a member choose a new password. Removing an admin, or making them a user, revokes
            the API keys they made.
          </p>
        </header>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        {reset && (
          <OneTimeLink
            title={`Password reset link for ${reset.member.name}`}
            link={reset.link}
            expiresAt={reset.expiresAt}
            mailed={reset.mailed}
            to={reset.member.email}
            onClose={() => setReset(null)}
          />
        )}
        {team.isPending ? (
          <Spinner label="Loading team" />
        ) : team.isError ? (
          <div className="settings-card settings-problem" role="alert">
            <p>Could not load the team: {errorMessage(team.error)}</p>
            <button type="button" className="button" onClick={() => void team.refetch()}>
              Try again
            </button>
          </div>
        ) : (
          <div className="settings-card team-card">
            <table className="team-table">
              <caption className="visually-hidden">Team members ({team.data.length})</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col">Role</th>
                  <th scope="col">Conversations</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {team.data.map((m) => (
                  <TeamMemberRow
                    key={m.id}
                    member={m}
                    isYou={m.id === me.user?.id}
                    busy={busyId === m.id}
                    onRole={(role) => changeRole(m, role)}
                    onOnlyAssigned={(v) => setOnlyAssigned(m, v)}
                    onRemove={() => remove(m)}
                    onResetLink={() => resetLink(m)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <InvitationsList />
      <InviteMemberForm />
    </>
  );
}
