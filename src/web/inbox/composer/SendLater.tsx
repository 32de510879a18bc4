/**
 * "Send later": a date, a time and a time zone (the location's by default); the server stores the
 * reply as scheduled and the queue sends it then. The wall clock goes to the API as is, with its
 * zone, so daylight-saving changes are the server's to get right.
 */
import { CalendarClock } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useSession } from '../../lib/session';
import { Popover } from '../../ui/Popover';
import { defaultWhen, describe } from './send-later-time';
import './composer-tools.css';

export interface Schedule {
  scheduledAt: string;
  timezone: string;
}

function zones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return [...new Set([current, mine, 'UTC', ...all])];
}

export function SendLater({ disabled, busy, onSchedule }: { disabled: boolean; busy: boolean; onSchedule(s: Schedule): Promise<boolean> }) {
  const { timeZone } = useSession();
  const [open, setOpen] = useState(false);
  const [tz, setTz] = useState(timeZone);
  const [when, setWhen] = useState(() => defaultWhen(timeZone));
  const options = useMemo(() => zones(timeZone), [timeZone]);

  const toggle = () => {
    if (!open) {
      setTz(timeZone);
      setWhen(defaultWhen(timeZone));
    }
    setOpen(!open);
  };
  const submit = async () => {
    if (await onSchedule({ scheduledAt: `${when.date}T${when.time}`, timezone: tz })) setOpen(false);
  };

  return (
    <Popover
      open={open}
      onClose={() => setOpen(false)}
      label="Send later"
      align="right"
      className="send-later"
      button={
        <button type="button" className="button" aria-label="Send later" title="Send later" aria-expanded={open} onClick={toggle} disabled={disabled && !open}>
          <CalendarClock size={15} aria-hidden="true" />
        </button>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h3 className="send-later-title">Send later</h3>
        <div className="send-later-row">
          <label>
            <span>Date</span>
            <input type="date" required value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} />
          </label>
          <label>
            <span>Time</span>
            <input type="time" required value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} />
          </label>
        </div>
        <label className="send-later-zone">
          <span>Time zone</span>
          <select value={tz} onChange={(e) => setTz(e.target.value)}>
            {options.map((z) => (
              <option key={z} value={z}>
                {z.replace(/_/g, ' ')}
                {z === timeZone ? ' (clinic)' : ''}
              </option>
            ))}
          </select>
        </label>
        <div className="send-later-actions">
          <span className="muted">{describe(when.date, when.time)}</span>
          <button type="submit" className="button primary" disabled={disabled || busy || !when.date || !when.time}>
            {busy ? 'Scheduling…' : 'Schedule'}
          </button>
        </div>
      </form>
    </Popover>
  );
}
