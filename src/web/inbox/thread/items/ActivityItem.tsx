/**
 * An Activity Card: what happened to the contact's opportunity, appointment, DND, invoice or payment,
 * who did it, what changed — and a View button that opens the record in place.
 */
import { ArrowRight } from 'lucide-react';
import { VIEW_LABEL, type ActivityMeta } from '#shared/activity';
import { clockTime, fullDateTime } from '../../../lib/format';
import { CHANNELS } from '../../../ui/channels';
import { useRecordPanels } from '../../records/RecordPanels';
import type { ItemProps } from './TimelineItem';

const KIND_CLASS: Record<string, string> = {
  TYPE_ACTIVITY_OPPORTUNITY: 'kind-opportunity',
  TYPE_ACTIVITY_APPOINTMENT: 'kind-appointment',
  TYPE_ACTIVITY_CONTACT: 'kind-contact',
  TYPE_ACTIVITY_INVOICE: 'kind-invoice',
  TYPE_ACTIVITY_PAYMENT: 'kind-payment',
};

const FIELD_LABEL: Record<string, string> = {
  status: 'Status', stage: 'Stage', stageName: 'Stage', monetaryValue: 'Value', value: 'Value', assignedTo: 'Owner', owner: 'Owner',
  startTime: 'Start', endTime: 'End', title: 'Title', amountPaid: 'Paid', total: 'Total',
  dueDate: 'Due date', issueDate: 'Issue date', items: 'Items', currency: 'Currency', name: 'Name', pipeline: 'Pipeline',
  lostReason: 'Lost reason', source: 'Source', notes: 'Notes', calendar: 'Calendar', assignedUser: 'Assigned to',
};

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)) return new Date(v).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
  return String(v);
}

export function ActivityItem({ message: m, members, timeZone }: ItemProps) {
  const { open } = useRecordPanels();
  const meta = m.meta as Partial<ActivityMeta>;
  const channel = CHANNELS[m.messageType];
  const Icon = channel.icon;
  const by = meta.actor?.name ?? (m.userId ? members.get(m.userId) : undefined);
  const changes = Object.entries(meta.changes ?? {}).slice(0, 4);
  return (
    <div className="item activity-row">
      <article className={`activity-card ${KIND_CLASS[m.messageType] ?? ''}`} aria-label={`${channel.label} activity: ${m.body ?? ''}`}>
        <span className="activity-icon" aria-hidden="true">
          <Icon size={14} />
        </span>
        <div className="activity-main">
          <div className="activity-kind">{channel.label}</div>
          <div className="activity-text">{m.body}</div>
          {changes.length > 0 && (
            <ul className="activity-changes">
              {changes.map(([field, c]) => (
                <li key={field}>
                  <span className="activity-field">{FIELD_LABEL[field] ?? field}</span> <span className="from">{show(c.from)}</span>
                  <ArrowRight size={11} aria-label="to" /> <span className="to">{show(c.to)}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="activity-meta">
            {by && <span>{by} · </span>}
            <time dateTime={m.createdAt} title={fullDateTime(m.createdAt, timeZone)}>
              {clockTime(m.createdAt, timeZone)}
            </time>
          </div>
        </div>
        {meta.record && (
          <button type="button" className="button small activity-view" onClick={() => open(meta.record!)}>
            {VIEW_LABEL[meta.record.type]}
          </button>
        )}
      </article>
    </div>
  );
}
