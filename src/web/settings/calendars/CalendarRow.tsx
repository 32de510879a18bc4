/** One calendar in Settings: what bookings on it get by default, its team, Edit and Delete. */
import { Pencil } from 'lucide-react';
import { useState } from 'react';
import type { Calendar } from '#shared/appointments';
import { durationLabel, MEETING_LABEL } from '../../records/appointments/labels';
import { ConfirmAction } from '../ConfirmAction';

export function CalendarRow({
  calendar,
  names,
  busy,
  onEdit,
  onDelete,
}: {
  calendar: Calendar;
  names: Map<string, string>;
  busy: boolean;
  onEdit(): void;
  onDelete(): void;
}) {
  const c = calendar;
  const [confirming, setConfirming] = useState(false);
  const team = c.teamMemberIds.map((u) => names.get(u) ?? 'Former team member');
  const meeting = c.meetingLocation ? `${MEETING_LABEL[c.meetingLocationType]}: ${c.meetingLocation}` : MEETING_LABEL[c.meetingLocationType];

  return (
    <li className={confirming ? 'calendar-row is-confirming' : 'calendar-row'} aria-busy={busy}>
      <div className="calendar-main">
        <span className="calendar-name">{c.name}</span>
        <span className="calendar-meta">
          {durationLabel(c.defaultDurationMinutes)} · {meeting} · {c.timezone.replace(/_/g, ' ')}
        </span>
        <span className={team.length ? 'calendar-team' : 'calendar-team calendar-warning'}>
          {team.length ? `Team: ${team.join(', ')}` : 'No team member: its appointments are not assigned to anyone.'}
        </span>
      </div>
      <span className={confirming ? 'calendar-actions confirm-slot' : 'calendar-actions'}>
        {busy ? (
          <span className="muted calendar-busy" role="status">
            Deleting…
          </span>
        ) : (
          <>
            {!confirming && (
              <button type="button" className="button small" onClick={onEdit} aria-label={`Edit ${c.name}`}>
                <Pencil size={13} aria-hidden="true" /> Edit
              </button>
            )}
            <ConfirmAction
              trigger="Delete"
              triggerLabel={`Delete ${c.name}`}
              question={`Delete “${c.name}”? Only a calendar without appointments (past and cancelled ones count) can go.`}
              confirmLabel="Delete calendar"
              onConfirm={onDelete}
              onAsking={setConfirming}
            />
          </>
        )}
      </span>
    </li>
  );
}
