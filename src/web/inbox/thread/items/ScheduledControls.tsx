/**
 * A scheduled reply in the thread: when it goes out, and — until then — Edit (text, date, time)
 * and Cancel (asked twice: a cancelled message stays cancelled).
 */
import { useQueryClient } from '@tanstack/react-query';
import { CalendarClock } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Message } from '#shared/messages';
import { errorMessage, patch, post } from '../../../lib/api';
import { upsertMessage } from '../../../lib/cache';
import { fullDateTime } from '../../../lib/format';
import { wallClock } from '../../../records/appointments/time';

export function ScheduledControls({ message: m, timeZone }: { message: Message; timeZone: string }) {
  const qc = useQueryClient();
  const at = m.scheduledAt ?? m.createdAt;
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [body, setBody] = useState(m.body ?? '');
  const [when, setWhen] = useState(() => wallClock(at, timeZone));
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!editing) return;
    // The whole bubble into view, once the thread has measured its new height (two frames on).
    const show = () => (formRef.current?.closest('.bubble') ?? formRef.current)?.scrollIntoView({ block: 'nearest' });
    let frame = requestAnimationFrame(() => (frame = requestAnimationFrame(show)));
    return () => cancelAnimationFrame(frame);
  }, [editing]);

  async function run(action: () => Promise<Message>) {
    setBusy(true);
    setError(null);
    try {
      upsertMessage(qc, await action());
      setEditing(false);
      setConfirming(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  const startEdit = () => {
    setBody(m.body ?? '');
    setWhen(wallClock(at, timeZone));
    setEditing(true);
    setError(null);
  };
  const save = () => {
    const before = wallClock(at, timeZone);
    const moved = before.date !== when.date || before.time !== when.time;
    void run(() => patch<Message>(`/messages/${m.id}`, { body, ...(moved && { scheduledAt: `${when.date}T${when.time}`, timezone: timeZone }) }));
  };

  if (editing) {
    return (
      <form
        ref={formRef}
        className="scheduled-edit"
        aria-label="Edit scheduled message"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <textarea aria-label="Scheduled message text" value={body} rows={3} onChange={(e) => setBody(e.target.value)} />
        <div className="scheduled-edit-when">
          <input type="date" aria-label="Date" required value={when.date} onChange={(e) => setWhen({ ...when, date: e.target.value })} />
          <input type="time" aria-label="Time" required value={when.time} onChange={(e) => setWhen({ ...when, time: e.target.value })} />
          <span className="muted">{timeZone.replace(/_/g, ' ')}</span>
        </div>
        {error && (
          <p className="bubble-error" role="alert">
            {error}
          </p>
        )}
        <div className="scheduled-actions">
          <button type="button" className="button small" onClick={() => setEditing(false)} disabled={busy}>
            Discard
          </button>
          <button type="submit" className="button small primary" disabled={busy || !body.trim()}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    );
  }

  return (
    <>
      <span className="status status-scheduled">
        <CalendarClock size={12} aria-hidden="true" /> Scheduled for {fullDateTime(at, timeZone)}
      </span>
      <span className="scheduled-actions">
        {confirming ? (
          <>
            <span className="muted">Cancel this message?</span>
            <button type="button" className="button small danger" onClick={() => void run(() => post<Message>(`/messages/${m.id}/cancel`))} disabled={busy}>
              Yes, cancel it
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(false)} disabled={busy}>
              Keep
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button small" onClick={startEdit}>
              Edit
            </button>
            <button type="button" className="button small" onClick={() => setConfirming(true)}>
              Cancel
            </button>
          </>
        )}
      </span>
      {error && (
        <p className="bubble-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
