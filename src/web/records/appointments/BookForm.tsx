/**
 * Booking an appointment for the contact from the conversation: calendar, title, date and time
 * (the calendar's wall clock; the server converts it), length, team member, meeting and notes.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Appointment, Calendar, MeetingLocationType } from '#shared/appointments';
import { post } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { Spinner } from '../../ui/Spinner';
import { MEETING_LABEL, MEETING_TYPES, PLACE_LABEL } from './labels';
import { LengthField } from './LengthField';
import { useCalendars } from './queries';
import { nextSlot, zoneName } from './time';
import { useAppointmentMutation } from './useAppointmentMutation';
import './appointments.css';

const LABELS: Record<string, string> = {
  title: 'Title',
  calendarId: 'Calendar',
  date: 'Date',
  time: 'Time',
  startTime: 'Time',
  durationMinutes: 'Length',
  assignedUserId: 'Team member',
  meetingLocation: 'Meeting place',
  notes: 'Notes',
};

export default function BookForm({ contactId, onDone }: { contactId: string; onDone(booked?: Appointment): void }) {
  const calendars = useCalendars();
  if (calendars.isPending) return <Spinner label="Loading calendars" />;
  if (calendars.isError || calendars.data.length === 0) {
    return (
      <div className="sp-section">
        <p className="form-error" role="alert">
          {calendars.isError ? plainError(calendars.error, (k) => k) : 'This location has no calendar yet.'}
        </p>
      </div>
    );
  }
  return <Form contactId={contactId} calendars={calendars.data} onDone={onDone} />;
}

function defaultsFor(c: Calendar, me: string | undefined) {
  const assignee = me && c.teamMemberIds.includes(me) ? me : (c.teamMemberIds[0] ?? '');
  return { duration: c.defaultDurationMinutes, assignee, meetingType: c.meetingLocationType, place: c.meetingLocation ?? '' };
}

function Form({ contactId, calendars, onDone }: { contactId: string; calendars: Calendar[]; onDone(booked?: Appointment): void }) {
  const { me } = useSession();
  const team = useTeam();
  const id = useId();
  const [calendarId, setCalendarId] = useState(calendars[0].id);
  const calendar = calendars.find((c) => c.id === calendarId) ?? calendars[0];
  const [title, setTitle] = useState('');
  const [{ date, time }, setWhen] = useState(() => nextSlot(calendar.timezone));
  const first = defaultsFor(calendar, me.user?.id);
  const [duration, setDuration] = useState(first.duration);
  const [assignee, setAssignee] = useState(first.assignee);
  const [meetingType, setMeetingType] = useState<MeetingLocationType>(first.meetingType);
  const [place, setPlace] = useState(first.place);
  const [notes, setNotes] = useState('');
  const [checked, setChecked] = useState(false);
  const { run, busy, error } = useAppointmentMutation();

  // A calendar brings its own length, team and meeting place.
  function pickCalendar(next: string) {
    const d = defaultsFor(calendars.find((c) => c.id === next) ?? calendars[0], me.user?.id);
    setCalendarId(next);
    setDuration(d.duration);
    setAssignee(d.assignee);
    setMeetingType(d.meetingType);
    setPlace(d.place);
  }

  const names = new Map((team.data ?? []).map((m) => [m.id, m.name]));
  const local: Record<string, string> = {};
  if (!title.trim()) local.title = 'Give the appointment a title.';
  if (!date) local.date = 'Pick a date.';
  if (!time) local.time = 'Pick a time.';
  const server = fieldErrors(error);
  const fields: Record<string, string> = { ...Object.fromEntries(Object.entries(server).map(([k, m]) => [k, `${LABELS[k] ?? k} ${m}.`])), ...(checked ? local : {}) };
  const invalid = (k: string) => (fields[k] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${k}` } : {});
  const note = (k: string) => fields[k] && <span id={`${id}-${k}`} className="appt-field-error">{fields[k]}</span>;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(local).length > 0) return;
    let booked: Appointment | undefined;
    const ok = await run('book', async () => {
      booked = await post<Appointment>('/appointments', {
        title: title.trim(),
        contactId,
        calendarId,
        date,
        time,
        timezone: calendar.timezone,
        durationMinutes: duration,
        assignedUserId: assignee || null,
        meetingLocationType: meetingType,
        meetingLocation: place.trim() || null,
        notes: notes.trim() || null,
        source: 'conversation',
      });
      return booked;
    });
    if (ok) onDone(booked);
  }

  return (
    <form className="sp-section appt-form" onSubmit={submit} noValidate aria-label="Book appointment" onKeyDown={(e) => e.key === 'Escape' && !busy && onDone()}>
      <h2 className="sp-title">Book appointment</h2>
      {calendars.length > 1 && (
        <label className="field">
          <span>Calendar</span>
          <select value={calendarId} onChange={(e) => pickCalendar(e.target.value)}>
            {calendars.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Title</span>
        <input type="text" value={title} maxLength={200} placeholder="e.g. Botox consultation" autoFocus onChange={(e) => setTitle(e.target.value)} {...invalid('title')} />
        {note('title')}
      </label>
      <div className="appt-row">
        <label className="field">
          <span>Date</span>
          <input type="date" value={date} onChange={(e) => setWhen({ date: e.target.value, time })} {...invalid('date')} />
          {note('date')}
        </label>
        <label className="field">
          <span>Time</span>
          <input type="time" value={time} step={300} onChange={(e) => setWhen({ date, time: e.target.value })} {...invalid('time')} />
          {note('time')}
        </label>
      </div>
      <p className="appt-hint">
        {calendar.timezone.replace(/_/g, ' ')} time ({zoneName(Date.now(), calendar.timezone)})
      </p>
      <div className="appt-row">
        <LengthField value={duration} onChange={setDuration} also={[calendar.defaultDurationMinutes]} />
        <label className="field">
          <span>Team member</span>
          <select value={assignee} onChange={(e) => setAssignee(e.target.value)} {...invalid('assignedUserId')}>
            {calendar.teamMemberIds.map((u) => (
              <option key={u} value={u}>
                {names.get(u) ?? 'Team member'}
              </option>
            ))}
            <option value="">Unassigned</option>
          </select>
        </label>
      </div>
      {note('assignedUserId')}
      <div className="appt-row">
        <label className="field">
          <span>Meeting</span>
          <select value={meetingType} onChange={(e) => {
              const t = e.target.value as MeetingLocationType;
              setMeetingType(t);
              setPlace(t === calendar.meetingLocationType ? (calendar.meetingLocation ?? '') : '');
            }}>
            {MEETING_TYPES.map((t) => (
              <option key={t} value={t}>
                {MEETING_LABEL[t]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{PLACE_LABEL[meetingType]}</span>
          <input type="text" value={place} maxLength={500} onChange={(e) => setPlace(e.target.value)} {...invalid('meetingLocation')} />
        </label>
      </div>
      <label className="field">
        <span>Notes</span>
        <textarea rows={3} value={notes} maxLength={5000} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {error != null && Object.keys(server).length === 0 && (
        <p className="form-error" role="alert">
          {plainError(error, (k) => LABELS[k] ?? k)}
        </p>
      )}
      <div className="ce-actions">
        <button type="button" className="button" onClick={() => onDone()} disabled={!!busy}>
          Discard
        </button>
        <button type="submit" className="button primary" disabled={!!busy}>
          {busy ? 'Booking…' : 'Book appointment'}
        </button>
      </div>
    </form>
  );
}
