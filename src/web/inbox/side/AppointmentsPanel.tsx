/**
 * The contact's appointments, upcoming first then past, in the location's time zone. The
 * appointment records arrive with a later API (/api/v1/appointments); until then the list is empty.
 */
import { CalendarDays } from 'lucide-react';
import { useSession } from '../../lib/session';

export interface AppointmentSummary {
  id: string;
  title: string;
  startTime: string;
  endTime: string;
  status: string;
  assignedUserName?: string;
}

const STATUS_LABEL: Record<string, string> = {
  confirmed: 'Confirmed',
  booked: 'Booked',
  new: 'New',
  showed: 'Showed',
  noshow: 'No-show',
  cancelled: 'Cancelled',
  invalid: 'Invalid',
};

export function AppointmentsPanel({ appointments, now = Date.now() }: { appointments: AppointmentSummary[]; now?: number }) {
  const { timeZone } = useSession();

  if (appointments.length === 0) {
    return (
      <div className="empty-state sp-state">
        <CalendarDays size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>No appointments yet</h2>
        <p>Appointments booked for this contact will show here, upcoming first.</p>
      </div>
    );
  }

  const day = new Intl.DateTimeFormat('en', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone });
  const time = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' });
  const ends = (a: AppointmentSummary) => new Date(a.endTime).getTime();
  const upcoming = appointments.filter((a) => ends(a) >= now).sort((a, b) => a.startTime.localeCompare(b.startTime));
  const past = appointments.filter((a) => ends(a) < now).sort((a, b) => b.startTime.localeCompare(a.startTime));
  const groups = [
    { title: 'Upcoming', items: upcoming },
    { title: 'Past', items: past },
  ].filter((g) => g.items.length > 0);

  return (
    <div className="sp-sections">
      {groups.map((g) => (
        <section key={g.title} className="sp-section" aria-label={`${g.title} appointments`}>
          <h2 className="sp-title">
            {g.title} <span className="sp-count">{g.items.length}</span>
          </h2>
          <ul className="sp-cards">
            {g.items.map((a) => {
              const start = new Date(a.startTime);
              const end = new Date(a.endTime);
              return (
                <li key={a.id} className="sp-card">
                  <div className="sp-card-top">
                    <strong className="sp-card-title">{a.title}</strong>
                    <span className={`chip status-${a.status.toLowerCase()}`}>{STATUS_LABEL[a.status.toLowerCase()] ?? a.status}</span>
                  </div>
                  <div className="sp-card-meta">
                    <time dateTime={a.startTime}>{day.format(start)}</time>
                    {' · '}
                    {time.formatRange(start, end)}
                  </div>
                  {a.assignedUserName && <div className="sp-card-meta">With {a.assignedUserName}</div>}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
