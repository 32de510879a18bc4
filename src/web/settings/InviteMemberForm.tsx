/**
 * Inviting someone to the team: their e-mail and role (a name is only a suggestion). They accept
 * with a one-time link — as a new account, or signing in with the one they have.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Send } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { InvitationLink, TeamMember } from '#shared/team';
import { ApiError, post } from '../lib/api';
import { fieldErrors, plainError } from '../lib/field-errors';
import { keys, useAuthOptions } from '../lib/queries';
import { Field } from './Field';
import { OneTimeLink } from './OneTimeLink';

const LABELS: Record<string, string> = { name: 'Name', email: 'E-mail', role: 'Role' };

export function InviteMemberForm() {
  const qc = useQueryClient();
  const id = useId();
  const options = useAuthOptions();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamMember['role']>('user');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState(false);
  const [made, setMade] = useState<InvitationLink | null>(null);

  const local: Record<string, string> = {};
  if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = 'Enter a valid e-mail address.';
  const server = Object.fromEntries(Object.entries(fieldErrors(error)).map(([k, m]) => [k, `${LABELS[k] ?? k} ${m}.`]));
  const fields: Record<string, string> = { ...server, ...(checked ? local : {}) };
  const otherError = error != null && !Object.keys(server).some((k) => k in LABELS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setMade(null);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const inv = await post<InvitationLink>('/users', { name: name.trim() || undefined, email: email.trim(), role });
      await qc.invalidateQueries({ queryKey: keys.invitations() });
      setMade(inv);
      setName('');
      setEmail('');
      setRole('user');
      setChecked(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const mail = options.data?.systemMail;
  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <header className="settings-head">
        <h2 id={`${id}-title`}>Invite someone</h2>
        <p className="muted">
          They get a one-time link{mail ? ' by e-mail' : ' to share with them'} (valid 7 days) to join: new people choose their own name and password;
          someone who already has an Aesthetix account signs in with it.
        </p>
      </header>
      {made && (
        <OneTimeLink title={`Invitation for ${made.email}`} link={made.link} expiresAt={made.expiresAt} mailed={made.mailed} to={made.email} onClose={() => setMade(null)} />
      )}
      <form className="settings-card settings-form" onSubmit={submit} noValidate>
        <div className="settings-row">
          <Field label="E-mail" error={fields.email}>
            {(p) => <input {...p} type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field label="Name (optional)" error={fields.name} hint="A suggestion: new people can change it.">
            {(p) => <input {...p} type="text" value={name} maxLength={100} autoComplete="off" onChange={(e) => setName(e.target.value)} />}
          </Field>
        </div>
        <div className="settings-row">
          <Field label="Role" error={fields.role} hint="Admins can also change settings and the team.">
            {(p) => (
              <select {...p} value={role} onChange={(e) => setRole(e.target.value as TeamMember['role'])}>
                <option value="user">User</option>
                <option value="admin">Admin</option>
              </select>
            )}
          </Field>
        </div>
        {otherError && (
          <p className="form-error" role="alert">
            {error instanceof ApiError && (error.code === 'already_member' || error.code === 'already_invited') ? error.message : plainError(error, (k) => LABELS[k] ?? k)}
          </p>
        )}
        <div className="settings-actions">
          <button type="submit" className="button primary" disabled={busy}>
            <Send size={15} aria-hidden="true" /> {busy ? 'Inviting…' : mail ? 'Send invitation' : 'Create invitation link'}
          </button>
        </div>
      </form>
    </section>
  );
}
