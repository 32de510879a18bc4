/** The team members who take a calendar's appointments: one checkbox per member of the location. */
import { useId } from 'react';
import { errorMessage } from '../../lib/api';
import { useTeam } from '../../lib/queries';

export function TeamPicker({ value, onChange, error }: { value: string[]; onChange(ids: string[]): void; error?: string }) {
  const team = useTeam();
  const id = useId();
  const toggle = (userId: string, on: boolean) => onChange(on ? [...value, userId] : value.filter((u) => u !== userId));

  return (
    <fieldset className="team-picker" aria-describedby={`${id}-note`} aria-invalid={error ? true : undefined}>
      <legend className="settings-label">Team</legend>
      {team.isPending ? (
        <span className="muted">Loading the team…</span>
      ) : team.isError ? (
        <span className="form-error">Could not load the team: {errorMessage(team.error)}</span>
      ) : (
        <div className="team-picker-options">
          {team.data.map((m) => (
            <label key={m.id} className="team-picker-option">
              <input type="checkbox" checked={value.includes(m.id)} onChange={(e) => toggle(m.id, e.target.checked)} />
              <span>{m.name}</span>
            </label>
          ))}
        </div>
      )}
      <span id={`${id}-note`} className={error ? 'settings-field-error' : 'settings-field-hint muted'} role={error ? 'alert' : undefined}>
        {error ?? (value.length === 0 ? 'Nobody is checked: appointments booked on this calendar are not assigned to anyone.' : 'Bookings on this calendar go to one of them.')}
      </span>
    </fieldset>
  );
}
