/**
 * Creating or editing a calendar: name, time zone, default length, where appointments take place,
 * and the team members who take them. Only what changed is sent when editing.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { Calendar, MeetingLocationType } from '#shared/appointments';
import { patch, post } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { useSession } from '../../lib/session';
import { appointmentKeys } from '../../records/appointments/queries';
import { DURATIONS, durationLabel, MEETING_LABEL, MEETING_TYPES, PLACE_LABEL } from '../../records/appointments/labels';
import { timeZoneOptions } from '../countries';
import { Field } from '../Field';
import { TeamPicker } from './TeamPicker';

const LABELS: Record<string, string> = {
  name: 'Name',
  timezone: 'Time zone',
  defaultDurationMinutes: 'Default length',
  meetingLocationType: 'Meeting',
  meetingLocation: 'Meeting place',
  teamMemberIds: 'Team',
};

export function CalendarForm({ calendar, onDone }: { calendar: Calendar | null; onDone(saved?: Calendar): void }) {
  const qc = useQueryClient();
  const { me } = useSession();
  const [name, setName] = useState(calendar?.name ?? '');
  const [timezone, setTimezone] = useState(calendar?.timezone ?? me.location.timezone);
  const [duration, setDuration] = useState(calendar?.defaultDurationMinutes ?? 30);
  const [meetingType, setMeetingType] = useState<MeetingLocationType>(calendar?.meetingLocationType ?? 'address');
  const [place, setPlace] = useState(calendar?.meetingLocation ?? '');
  const [team, setTeam] = useState<string[]>(calendar?.teamMemberIds ?? (me.user ? [me.user.id] : []));
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const zones = useMemo(() => timeZoneOptions(timezone), [timezone]);
  const durations = [...new Set([...DURATIONS, duration])].sort((a, b) => a - b);
  const server = Object.fromEntries(Object.entries(fieldErrors(error)).map(([k, m]) => [k.split('.')[0], `${LABELS[k.split('.')[0]] ?? k} ${m}.`]));
  const fields: Record<string, string | undefined> = { ...server, ...(checked && !name.trim() && { name: 'Give the calendar a name.' }) };

  const input = { name: name.trim(), timezone, defaultDurationMinutes: duration, meetingLocationType: meetingType, meetingLocation: place.trim() || null, teamMemberIds: team };
  const change = calendar
    ? Object.fromEntries(
        Object.entries(input).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify((calendar as unknown as Record<string, unknown>)[k])),
      )
    : input;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (!name.trim()) return;
    if (calendar && Object.keys(change).length === 0) return onDone();
    setBusy(true);
    try {
      const saved = calendar ? await patch<Calendar>(`/calendars/${calendar.id}`, change) : await post<Calendar>('/calendars', input);
      qc.setQueryData<Calendar[]>(appointmentKeys.calendars(), (list) =>
        list && (calendar ? list.map((c) => (c.id === saved.id ? saved : c)) : [...list, saved]),
      );
      onDone(saved);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-card settings-form" onSubmit={submit} noValidate aria-labelledby="calendar-form-title">
      <h3 className="settings-form-title" id="calendar-form-title">
        {calendar ? `Edit “${calendar.name}”` : 'New calendar'}
      </h3>
      <div className="settings-row">
        <Field label="Name" error={fields.name}>
          {(p) => <input {...p} type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Laser room" />}
        </Field>
        <Field label="Time zone" error={fields.timezone} hint="Booking times are entered on this clock.">
          {(p) => (
            <select {...p} value={timezone} onChange={(e) => setTimezone(e.target.value)}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="settings-row">
        <Field label="Default length" error={fields.defaultDurationMinutes}>
          {(p) => (
            <select {...p} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
              {durations.map((m) => (
                <option key={m} value={m}>
                  {durationLabel(m)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Meeting" error={fields.meetingLocationType}>
          {(p) => (
            <select {...p} value={meetingType} onChange={(e) => setMeetingType(e.target.value as MeetingLocationType)}>
              {MEETING_TYPES.map((t) => (
                <option key={t} value={t}>
                  {MEETING_LABEL[t]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field label={PLACE_LABEL[meetingType]} error={fields.meetingLocation} hint="Optional: filled in for each booking, which can change it.">
        {(p) => <input {...p} type="text" maxLength={500} value={place} onChange={(e) => setPlace(e.target.value)} />}
      </Field>
      <TeamPicker value={team} onChange={setTeam} error={fields.teamMemberIds} />
      {error != null && Object.keys(server).length === 0 && (
        <p className="form-error" role="alert">
          {plainError(error, (k) => LABELS[k] ?? k)}
        </p>
      )}
      <div className="settings-actions">
        <button type="button" className="button" onClick={() => onDone()} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Saving…' : calendar ? 'Save calendar' : 'Create calendar'}
        </button>
      </div>
    </form>
  );
}
