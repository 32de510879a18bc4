import { clockTime, fullDateTime } from '../../../lib/format';
import { CHANNELS } from '../../../ui/channels';
import type { ItemProps } from './TimelineItem';

/** An activity (opportunity, appointment, DND, invoice, payment): a compact card in the thread. */
export function ActivityItem({ message: m, members, timeZone }: ItemProps) {
  const meta = CHANNELS[m.messageType];
  const Icon = meta.icon;
  const actor = m.meta.actor as { type?: string; name?: string } | undefined;
  const by = actor?.name ?? (m.userId ? members.get(m.userId) : undefined);
  return (
    <div className="item activity-row">
      <article className="activity-card" aria-label={`${meta.label} activity`}>
        <span className="activity-icon" aria-hidden="true">
          <Icon size={14} />
        </span>
        <div className="activity-main">
          <div className="activity-kind">{meta.label}</div>
          <div className="activity-text">{m.body}</div>
          <div className="activity-meta">
            {by && <span>{by} · </span>}
            <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
              {clockTime(m.createdAt, timeZone)}
            </time>
          </div>
        </div>
      </article>
    </div>
  );
}
