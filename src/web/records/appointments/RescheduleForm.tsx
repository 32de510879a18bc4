/** Moving an appointment to a new date and time (its own time zone's wall clock), in place. */
import { useId, useState, type FormEvent } from 'react';
import type { Appointment } from '#shared/appointments';
import { post } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { LengthField } from './LengthField';
import { minutesBetween, wallClock, zoneName } from './time';
import { useAppointmentMutation } from './useAppointmentMutation';

const LABELS: Record<string, string> = { date: 'Date', time: 'Time', startTime: 'Time', durationMinutes: 'Length', endTime: 'End' };

export function RescheduleForm({ appointment: a, onDone }: { appointment: Appointment; onDone(): void }) {
  const id = useId();
  const initial = wallClock(a.startTime, a.timezone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [duration, setDuration] = useState(minutesBetween(a.startTime, a.endTime));
  const { run, busy, error } = useAppointmentMutation();
  const server = fieldErrors(error);
  const message = error != null ? plainError(error, (k) => LABELS[k] ?? k) : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!date || !time) return;
    const ok = await run('reschedule', () => post<Appointment>(`/appointments/${a.id}/reschedule`, { date, time, timezone: a.timezone, durationMinutes: duration }));
    if (ok) onDone();
  }

  const invalid = (k: string) => (server[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {});
  return (
    <form className="appt-form appt-reschedule" onSubmit={submit} noValidate aria-label="Reschedule appointment" onKeyDown={(e) => e.key === 'Escape' && !busy && onDone()}>
      <h3 className="sp-title">New time</h3>
      <div className="appt-row">
        <label className="field">
          <span>Date</span>
          <input type="date" value={date} required autoFocus onChange={(e) => setDate(e.target.value)} {...invalid('date')} />
        </label>
        <label className="field">
          <span>Time</span>
          <input type="time" value={time} required step={300} onChange={(e) => setTime(e.target.value)} {...invalid('time')} />
        </label>
      </div>
      <div className="appt-row">
        <LengthField value={duration} onChange={setDuration} />
        <p className="appt-hint appt-zone">
          {a.timezone.replace(/_/g, ' ')} time ({zoneName(Date.parse(`${date}T${time}:00Z`) || a.startTime, a.timezone)})
        </p>
      </div>
      {message && (
        <p className="form-error" role="alert" id={`${id}-error`}>
          {message}
        </p>
      )}
      <div className="ce-actions">
        <button type="button" className="button" onClick={onDone} disabled={!!busy}>
          Discard
        </button>
        <button type="submit" className="button primary" disabled={!!busy || !date || !time}>
          {busy ? 'Saving…' : 'Save new time'}
        </button>
      </div>
    </form>
  );
}
