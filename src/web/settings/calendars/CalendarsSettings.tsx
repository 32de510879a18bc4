/**
 * Settings → Calendars: where appointments are booked, with their defaults and team. A location
 * keeps at least one calendar; one with appointments cannot be deleted (the server says so).
 */
import { useQueryClient } from '@tanstack/react-query';
import { CalendarDays, Check, Plus } from 'lucide-react';
import { useState } from 'react';
import type { Calendar } from '#shared/appointments';
import { del, errorMessage } from '../../lib/api';
import { useTeam } from '../../lib/queries';
import { appointmentKeys, useCalendars } from '../../records/appointments/queries';
import { Spinner } from '../../ui/Spinner';
import { CalendarForm } from './CalendarForm';
import { CalendarRow } from './CalendarRow';
import '../controls.css';
import './calendars.css';

export function CalendarsSettings() {
  const qc = useQueryClient();
  const calendars = useCalendars();
  const team = useTeam();
  const [editing, setEditing] = useState<Calendar | 'new' | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const names = new Map((team.data ?? []).map((m) => [m.id, m.name]));

  async function remove(c: Calendar) {
    setError(null);
    setSaved(null);
    setDeleting(c.id);
    try {
      await del(`/calendars/${c.id}`);
      qc.setQueryData<Calendar[]>(appointmentKeys.calendars(), (list) => list?.filter((x) => x.id !== c.id));
      setSaved(`“${c.name}” was deleted.`);
    } catch (err) {
      setError(`Could not delete “${c.name}”: ${errorMessage(err)}`);
    } finally {
      setDeleting(null);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="calendars-title">
      <header className="settings-head settings-head-action">
        <div>
          <h2 id="calendars-title">Calendars</h2>
          <p className="muted">
            Where appointments are booked from a conversation. Each calendar brings its length, meeting place and the team members who take
            its appointments.
          </p>
        </div>
        {!editing && (
          <button type="button" className="button primary" onClick={() => (setEditing('new'), setSaved(null), setError(null))}>
            <Plus size={15} aria-hidden="true" /> New calendar
          </button>
        )}
      </header>
      {editing && (
        <CalendarForm
          key={editing === 'new' ? 'new' : editing.id}
          calendar={editing === 'new' ? null : editing}
          onDone={(c) => {
            setEditing(null);
            if (c) setSaved(`“${c.name}” was saved.`);
          }}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {saved && !error && (
        <p className="settings-saved" role="status">
          <Check size={14} aria-hidden="true" /> {saved}
        </p>
      )}
      {calendars.isPending ? (
        <Spinner label="Loading calendars" />
      ) : calendars.isError ? (
        <div className="settings-card settings-problem" role="alert">
          <p>Could not load the calendars: {errorMessage(calendars.error)}</p>
          <button type="button" className="button" onClick={() => void calendars.refetch()}>
            Try again
          </button>
        </div>
      ) : calendars.data.length === 0 ? (
        <div className="settings-card settings-empty">
          <CalendarDays size={18} aria-hidden="true" />
          <p>No calendar yet. Create one to book appointments from conversations.</p>
        </div>
      ) : (
        <ul className="settings-card calendar-list" aria-label="Calendars">
          {calendars.data.map((c) => (
            <CalendarRow
              key={c.id}
              calendar={c}
              names={names}
              busy={deleting === c.id}
              onEdit={() => (setEditing(c), setSaved(null), setError(null))}
              onDelete={() => void remove(c)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
