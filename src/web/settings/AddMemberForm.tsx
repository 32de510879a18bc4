/** Adding someone to the team of this location, with an initial password they can change later. */
import { useQueryClient } from '@tanstack/react-query';
import { UserPlus } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import type { TeamMember } from '#shared/team';
import { ApiError, post } from '../lib/api';
import { fieldErrors, plainError } from '../lib/field-errors';
import { keys } from '../lib/queries';
import { Field } from './Field';

const LABELS: Record<string, string> = { name: 'Name', email: 'E-mail', role: 'Role', password: 'Initial password' };
const MIN_PASSWORD = 10;

export function AddMemberForm() {
  const qc = useQueryClient();
  const id = useId();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamMember['role']>('user');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [checked, setChecked] = useState(false);
  const [added, setAdded] = useState<string | null>(null);

  // Checks the browser can make before asking the server.
  const local: Record<string, string> = {};
  if (!name.trim()) local.name = 'Enter their name.';
  if (!/^\S+@\S+\.\S+$/.test(email.trim())) local.email = 'Enter a valid e-mail address.';
  if (password.length < MIN_PASSWORD) local.password = `Use at least ${MIN_PASSWORD} characters.`;

  const server = Object.fromEntries(Object.entries(fieldErrors(error)).map(([k, m]) => [k, `${LABELS[k] ?? k} ${m}.`]));
  const fields: Record<string, string> = { ...server, ...(checked ? local : {}) };
  const otherError = error != null && !Object.keys(server).some((k) => k in LABELS);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setAdded(null);
    setError(null);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const member = await post<TeamMember>('/users', { name: name.trim(), email: email.trim(), role, password });
      await qc.invalidateQueries({ queryKey: keys.team() });
      setAdded(`${member.name} was added to the team.`);
      setName('');
      setEmail('');
      setRole('user');
      setPassword('');
      setChecked(false);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-title`}>
      <header className="settings-head">
        <h2 id={`${id}-title`}>Add team member</h2>
        <p className="muted">They sign in with this e-mail and password. Someone who already has an account keeps their own password.</p>
      </header>
      <form className="settings-card settings-form" onSubmit={submit} noValidate>
        <div className="settings-row">
          <Field label="Name" error={fields.name}>
            {(p) => <input {...p} type="text" value={name} maxLength={100} autoComplete="off" onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label="E-mail" error={fields.email}>
            {(p) => <input {...p} type="email" value={email} autoComplete="off" onChange={(e) => setEmail(e.target.value)} />}
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
          <Field label="Initial password" error={fields.password} hint={`At least ${MIN_PASSWORD} characters.`}>
            {(p) => <input {...p} type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />}
          </Field>
        </div>
        {otherError && (
          <p className="form-error" role="alert">
            {error instanceof ApiError && error.code === 'already_member' ? error.message : plainError(error, (k) => LABELS[k] ?? k)}
          </p>
        )}
        <div className="settings-actions">
          <span className="settings-saved" role="status">
            {added}
          </span>
          <button type="submit" className="button primary" disabled={busy}>
            <UserPlus size={15} aria-hidden="true" /> {busy ? 'Adding…' : 'Add member'}
          </button>
        </div>
      </form>
    </section>
  );
}
