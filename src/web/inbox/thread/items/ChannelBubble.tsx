import { detailsOf } from '#shared/message-payloads';
import { useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Ban, Check, CheckCheck, Clock, RotateCcw } from 'lucide-react';
import { useState } from 'react';
import type { Message } from '#shared/messages';
import { errorMessage, post } from '../../../lib/api';
import { upsertMessage } from '../../../lib/cache';
import { clockTime, fullDateTime } from '../../../lib/format';
import { ChannelIcon, CHANNELS } from '../../../ui/channels';
import { Attachments } from './Attachments';
import { ScheduledControls } from './ScheduledControls';
import type { ItemProps } from './TimelineItem';

const FAILED = new Set(['failed', 'undelivered', 'opt_out']);

function Status({ m }: { m: Message }) {
  if (m.status === 'queued' || m.status === 'pending') return <span className="status"><Clock size={12} aria-hidden="true" /> Sending…</span>;
  if (m.status === 'scheduled') return <span className="status"><Clock size={12} aria-hidden="true" /> Scheduled</span>;
  if (m.status === 'sent') return <span className="status"><Check size={12} aria-hidden="true" /> Sent</span>;
  if (m.status === 'delivered') return <span className="status"><CheckCheck size={12} aria-hidden="true" /> Delivered</span>;
  if (m.status === 'read') return <span className="status status-read"><CheckCheck size={12} aria-hidden="true" /> Read</span>;
  if (m.status === 'canceled') return <span className="status status-canceled"><Ban size={12} aria-hidden="true" /> Cancelled — not sent</span>;
  return null;
}

/** A message on a channel (SMS, e-mail, social, web chat): a bubble by direction. */
export function ChannelBubble({ message: m, contactName, members, timeZone }: ItemProps) {
  const qc = useQueryClient();
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const out = m.direction === 'outbound';
  const sender = out ? (m.userId ? (members.get(m.userId) ?? 'Team member') : 'Automated') : contactName;
  const failed = FAILED.has(m.status);
  const subject = m.messageType === 'TYPE_EMAIL' ? (detailsOf({ messageType: 'TYPE_EMAIL', channel: m.channel }).subject ?? null) : null;

  async function retry() {
    setRetrying(true);
    setRetryError(null);
    try {
      upsertMessage(qc, await post<Message>(`/messages/${m.id}/retry`));
    } catch (err) {
      setRetryError(errorMessage(err));
    } finally {
      setRetrying(false);
    }
  }

  return (
    <div className={`item bubble-row ${out ? 'out' : 'in'}`}>
      <article className={`bubble${failed ? ' failed' : ''}${m.status === 'scheduled' || m.status === 'canceled' ? ` ${m.status}` : ''}`} aria-label={`${CHANNELS[m.messageType].label} ${out ? 'to' : 'from'} ${out ? contactName : sender}`}>
        <header className="bubble-head">
          <ChannelIcon type={m.messageType} size={12} />
          <span className="bubble-sender">{sender}</span>
          <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
            {clockTime(m.createdAt, timeZone)}
          </time>
        </header>
        {subject && <div className="bubble-subject">{subject}</div>}
        {m.body && <div className="bubble-body">{m.body}</div>}
        {m.attachments.length > 0 && <Attachments items={m.attachments} />}
        {out && (
          <footer className="bubble-foot">
            {m.status === 'scheduled' ? (
              <ScheduledControls message={m} timeZone={timeZone} />
            ) : failed ? (
              <span className="status status-failed" role="status">
                <AlertCircle size={12} aria-hidden="true" /> {m.status === 'undelivered' ? 'Not delivered' : 'Failed'}
                {m.error?.message ? `: ${m.error.message}` : ''}
                {m.error?.code ? ` (${m.error.code})` : ''}
              </span>
            ) : (
              <Status m={m} />
            )}
            {failed && (
              <button type="button" className="button small" onClick={() => void retry()} disabled={retrying}>
                <RotateCcw size={12} aria-hidden="true" /> {retrying ? 'Retrying…' : 'Retry'}
              </button>
            )}
          </footer>
        )}
        {retryError && (
          <p className="bubble-error" role="alert">
            {retryError}
          </p>
        )}
      </article>
    </div>
  );
}
