import { PhoneIncoming, PhoneMissed, PhoneOutgoing, Voicemail } from 'lucide-react';
import { clockTime, durationLabel, fullDateTime } from '../../../lib/format';
import type { ItemProps } from './TimelineItem';

const MISSED = new Set(['no-answer', 'busy', 'failed', 'canceled']);

/** A phone call: direction, outcome, duration, the recording to play and any transcription. */
export function CallItem({ message: m, contactName, members, timeZone }: ItemProps) {
  const out = m.direction === 'outbound';
  const duration = Number(m.meta.duration ?? 0);
  const recording = typeof m.meta.recordingUrl === 'string' ? m.meta.recordingUrl : null;
  const voicemail = m.status === 'voicemail';
  const missed = MISSED.has(m.status);
  const Icon = voicemail ? Voicemail : missed ? PhoneMissed : out ? PhoneOutgoing : PhoneIncoming;
  const who = out ? (m.userId ? members.get(m.userId) : undefined) : undefined;
  const title = voicemail
    ? `Voicemail from ${contactName}`
    : missed
      ? `${out ? 'Outgoing call' : 'Missed call'} · ${m.status === 'busy' ? 'busy' : m.status === 'no-answer' ? 'no answer' : m.status}`
      : `${out ? 'Outgoing' : 'Incoming'} call · ${durationLabel(duration)}`;
  return (
    <div className={`item call-row ${out ? 'out' : 'in'}`}>
      <article className={`call-card${missed ? ' missed' : ''}`} aria-label={title}>
        <span className="call-icon" aria-hidden="true">
          <Icon size={16} />
        </span>
        <div className="call-main">
          <div className="call-title">{title}</div>
          <div className="call-meta">
            <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
              {clockTime(m.createdAt, timeZone)}
            </time>
            {who && <span> · {who}</span>}
            {voicemail && duration > 0 && <span> · {durationLabel(duration)}</span>}
          </div>
          {recording && <audio controls preload="none" src={recording} aria-label="Call recording" />}
          {m.body && <p className="call-transcript">{m.body}</p>}
        </div>
      </article>
    </div>
  );
}
