/**
 * The contact's appointments: upcoming (soonest first) then past (latest first), in the location's
 * time zone and the user's own when it differs; "Book" opens the booking form in place, and an
 * appointment opens View Appointment over the column. Live for every team member.
 */
import { CalendarDays, CalendarPlus } from 'lucide-react';
import { lazy, Suspense, useState } from 'react';
import type { Appointment } from '#shared/appointments';
import { errorMessage } from '../../lib/api';
import { useSession } from '../../lib/session';
import { STATUS_LABEL } from '../../records/appointments/labels';
import { useAppointmentsLive, useContactAppointments } from '../../records/appointments/queries';
import { userTimeZone, whenText } from '../../records/appointments/time';
import { Spinner } from '../../ui/Spinner';
import { useRecordPanels } from '../records/RecordPanels';
import '../../records/appointments/appointments.css';

const BookForm = lazy(() => import('../../records/appointments/BookForm'));

/** initialCreate: open with the booking form (the header's "Book appointment"). */
export function AppointmentsPanel({ contactId, now = Date.now(), initialCreate = false }: { contactId: string; now?: number; initialCreate?: boolean }) {
  const { timeZone } = useSession();
  const { open } = useRecordPanels();
  const list = useContactAppointments(contactId);
  const [booking, setBooking] = useState(initialCreate);
  useAppointmentsLive();

  if (booking) {
    return (
      <Suspense fallback={<Spinner label="Loading" />}>
        <BookForm
          contactId={contactId}
          onDone={(booked) => {
            setBooking(false);
            if (booked) open({ type: 'appointment', id: booked.id });
          }}
        />
      </Suspense>
    );
  }

  const bookButton = (
    <button type="button" className="button small" onClick={() => setBooking(true)}>
      <CalendarPlus size={14} aria-hidden="true" /> Book
    </button>
  );

  if (list.isPending) return <Spinner label="Loading appointments" />;
  if (list.isError) {
    return (
      <div className="empty-state sp-state" role="alert">
        <h2>Could not load the appointments</h2>
        <p>{errorMessage(list.error)}</p>
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const appointments = list.data;
  if (appointments.length === 0) {
    return (
      <div className="empty-state sp-state">
        <CalendarDays size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>No appointments yet</h2>
        <p>Appointments booked for this contact will show here, upcoming first.</p>
        <button type="button" className="button primary" onClick={() => setBooking(true)}>
          <CalendarPlus size={15} aria-hidden="true" /> Book appointment
        </button>
      </div>
    );
  }

  const mine = userTimeZone();
  const ends = (a: Appointment) => Date.parse(a.endTime);
  const upcoming = appointments.filter((a) => ends(a) >= now).sort((a, b) => a.startTime.localeCompare(b.startTime));
  const past = appointments.filter((a) => ends(a) < now).sort((a, b) => b.startTime.localeCompare(a.startTime));
  const groups = [
    { title: 'Upcoming', items: upcoming },
    { title: 'Past', items: past },
  ].filter((g, i) => i === 0 || g.items.length > 0);

  return (
    <div className="sp-sections">
      {groups.map((g, i) => (
        <section key={g.title} className="sp-section" aria-label={`${g.title} appointments`}>
          <div className="sp-section-head">
            <h2 className="sp-title">
              {g.title} <span className="sp-count">{g.items.length}</span>
            </h2>
            {i === 0 && bookButton}
          </div>
          {g.items.length === 0 && <p className="muted">Nothing booked ahead.</p>}
          <ul className="sp-cards">
            {g.items.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  className={`sp-card sp-card-button${a.status === 'cancelled' ? ' is-cancelled' : ''}`}
                  aria-label={`View appointment: ${a.title}`}
                  onClick={() => open({ type: 'appointment', id: a.id })}
                >
                  <span className="sp-card-top">
                    <strong className="sp-card-title">{a.title}</strong>
                    <span className={`chip status-${a.status}`}>{STATUS_LABEL[a.status]}</span>
                  </span>
                  <time className="sp-card-meta" dateTime={a.startTime}>
                    {whenText(a.startTime, a.endTime, timeZone)}
                  </time>
                  {mine !== timeZone && whenText(a.startTime, a.endTime, mine, false) !== whenText(a.startTime, a.endTime, timeZone, false) && (
                    <span className="sp-card-meta">Your time: {whenText(a.startTime, a.endTime, mine, false)}</span>
                  )}
                  {a.assignedUserName && <span className="sp-card-meta">With {a.assignedUserName}</span>}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
