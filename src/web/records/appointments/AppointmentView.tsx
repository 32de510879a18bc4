/**
 * View Appointment, in place over the side column (from an Activity Card or the Appointments
 * panel): when (location time and the user's own), who, where to join, which calendar, how it was
 * booked and by whom; Confirm, Cancel and Reschedule without leaving the conversation.
 */
import { CalendarClock, CalendarX2, Check, ExternalLink } from 'lucide-react';
import { useState } from 'react';
import type { Appointment, AppointmentStatus } from '#shared/appointments';
import type { RecordPanelProps } from '../../inbox/records/RecordPanels';
import { ApiError, errorMessage, patch } from '../../lib/api';
import { fullDateTime } from '../../lib/format';
import { plainError } from '../../lib/field-errors';
import { useSession } from '../../lib/session';
import { Spinner } from '../../ui/Spinner';
import { isVirtual, joinHref, MEETING_LABEL, SOURCE_LABEL, STATUS_LABEL } from './labels';
import { useAppointment, useAppointmentsLive } from './queries';
import { RescheduleForm } from './RescheduleForm';
import { userTimeZone, whenText } from './time';
import { useAppointmentMutation } from './useAppointmentMutation';
import './appointments.css';

export default function AppointmentView({ id }: RecordPanelProps) {
  useAppointmentsLive();
  const q = useAppointment(id);
  if (q.isError && q.error instanceof ApiError && q.error.status === 404) {
    return (
      <div className="empty-state appt-gone" role="status">
        <CalendarX2 size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>This appointment was deleted</h2>
        <p>It no longer exists. Its cards stay in the conversation as a record of what happened.</p>
      </div>
    );
  }
  if (q.isPending) return <Spinner label="Loading appointment" />;
  if (q.isError) {
    return (
      <div className="empty-state appt-gone" role="alert">
        <h2>Could not load the appointment</h2>
        <p>{errorMessage(q.error)}</p>
        <button type="button" className="button" onClick={() => void q.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  return <Details appointment={q.data} />;
}

function Details({ appointment: a }: { appointment: Appointment }) {
  const { timeZone } = useSession();
  const [rescheduling, setRescheduling] = useState(false);
  const { run, busy, error } = useAppointmentMutation();
  const mine = userTimeZone();
  const here = whenText(a.startTime, a.endTime, timeZone);
  const yours = whenText(a.startTime, a.endTime, mine, false);
  const differs = yours !== whenText(a.startTime, a.endTime, timeZone, false);
  const link = isVirtual(a.meetingLocationType) ? joinHref(a.meetingLocation) : null;

  const setStatus = (status: AppointmentStatus, what: string) => run(what, () => patch<Appointment>(`/appointments/${a.id}`, { status }));
  const cancelled = a.status === 'cancelled';

  return (
    <div className="appt-view">
      <div className="appt-head">
        <h3 className="appt-title">{a.title}</h3>
        <span className={`chip appt-status status-${a.status}`}>{STATUS_LABEL[a.status]}</span>
      </div>
      <dl className="sp-facts appt-facts">
        <dt>When</dt>
        <dd>
          <time dateTime={a.startTime} className={cancelled ? 'appt-struck' : undefined}>
            {here}
          </time>
          {differs && <div className="muted">Your time: {yours}</div>}
        </dd>
        <dt>With</dt>
        <dd>{a.assignedUserName ?? <span className="muted">Unassigned</span>}</dd>
        <dt>Contact</dt>
        <dd>{a.contactName}</dd>
        <dt>Meeting</dt>
        <dd>
          {MEETING_LABEL[a.meetingLocationType]}
          {link ? (
            <div>
              <a className="appt-join" href={link} target="_blank" rel="noopener noreferrer">
                Join meeting <ExternalLink size={12} aria-hidden="true" />
              </a>
            </div>
          ) : (
            a.meetingLocation && <div className="appt-place">{a.meetingLocation}</div>
          )}
        </dd>
        <dt>Calendar</dt>
        <dd>{a.calendarName}</dd>
        <dt>Booked</dt>
        <dd>
          {SOURCE_LABEL[a.source]}
          <div className="muted">
            {a.createdByName ? `by ${a.createdByName}` : a.createdBy ? 'by a former team member' : 'through the API'} · {fullDateTime(a.createdAt, timeZone)}
          </div>
        </dd>
        {a.notes && (
          <>
            <dt>Notes</dt>
            <dd className="appt-notes">{a.notes}</dd>
          </>
        )}
      </dl>

      {rescheduling ? (
        <RescheduleForm appointment={a} onDone={() => setRescheduling(false)} />
      ) : (
        <>
          <div className="appt-actions">
            {(a.status === 'new' || cancelled) && (
              <button type="button" className="button primary" disabled={!!busy} onClick={() => void setStatus('confirmed', 'confirm')}>
                <Check size={14} aria-hidden="true" /> {busy === 'confirm' ? 'Confirming…' : cancelled ? 'Restore and confirm' : 'Confirm'}
              </button>
            )}
            <button type="button" className="button" disabled={!!busy} onClick={() => setRescheduling(true)}>
              <CalendarClock size={14} aria-hidden="true" /> Reschedule
            </button>
            {!cancelled && (
              <button type="button" className="button danger" disabled={!!busy} onClick={() => void setStatus('cancelled', 'cancel')}>
                <CalendarX2 size={14} aria-hidden="true" /> {busy === 'cancel' ? 'Cancelling…' : 'Cancel appointment'}
              </button>
            )}
          </div>
          {!cancelled && (
            <div className="appt-outcome">
              <span className="muted">Outcome:</span>
              <button type="button" className="appt-link-button" aria-pressed={a.status === 'showed'} disabled={!!busy || a.status === 'showed'} onClick={() => void setStatus('showed', 'showed')}>
                Showed
              </button>
              <button type="button" className="appt-link-button" aria-pressed={a.status === 'noshow'} disabled={!!busy || a.status === 'noshow'} onClick={() => void setStatus('noshow', 'noshow')}>
                No-show
              </button>
            </div>
          )}
          {error != null && (
            <p className="form-error" role="alert">
              {plainError(error, (k) => k)}
            </p>
          )}
        </>
      )}
    </div>
  );
}
