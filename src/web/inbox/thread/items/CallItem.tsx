import { metaOf } from '#shared/message-payloads';
import { PhoneIncoming, PhoneMissed, PhoneOutgoing, Voicemail } from 'lucide-react';
import { clockTime, durationLabel, fullDateTime } from '../../../lib/format';
import type { ItemProps } from './TimelineItem';

const MISSED = new Set(['no-answer', 'busy', 'failed', 'canceled']);

/** A phone call: direction, outcome, duration, the recording to play and any transcription. */
export function CallItem({ message: m, contactName, members, timeZone }: ItemProps) {
  const out = m.direction === 'outbound';
  const meta = metaOf({ messageType: 'TYPE_CALL', meta: m.meta });
  const duration = Number(meta.duration ?? 0);
  // The recording is the call's audio attachment (served behind the session); older items carry a URL.
  const audio = m.attachments.find((a) => a.contentType.startsWith('audio/'));
  const recording = audio?.url ?? (typeof m.meta.recordingUrl === 'string' ? m.meta.recordingUrl : null);
  const recorded = meta.recording;
  const voicemail = m.status === 'voicemail';
  const missed = MISSED.has(m.status);
  const declined = meta.rejected === 'dnd';
  const Icon = voicemail ? Voicemail : missed ? PhoneMissed : out ? PhoneOutgoing : PhoneIncoming;
  const who = out ? (m.userId ? members.get(m.userId) : undefined) : undefined;
  const title = voicemail
    ? `Voicemail from ${contactName}`
    : declined
      ? `${out ? 'Call not connected' : 'Call declined'} · DND`
      : missed
        ? `${out ? 'Outgoing call' : 'Missed call'} · ${m.status === 'busy' ? 'busy' : m.status === 'no-answer' ? 'no answer' : m.status}`
        : m.status === 'completed'
          ? `${out ? 'Outgoing' : 'Incoming'} call · ${durationLabel(duration)}`
          : `${out ? 'Outgoing' : 'Incoming'} call · ${m.status === 'answered' ? 'in progress' : 'ringing'}`;
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
            {voicemail && (recorded?.duration ?? duration) > 0 && <span> · {durationLabel(recorded?.duration ?? duration)}</span>}
          </div>
          {recording && <audio controls preload="none" src={recording} aria-label="Call recording" />}
          {m.body && <p className="call-transcript">{m.body}</p>}
        </div>
      </article>
    </div>
  );
}
