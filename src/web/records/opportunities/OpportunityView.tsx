/**
 * View Opportunity, opened in place from an Activity Card or the Opportunities tab: the deal at a
 * glance, one-step stage moves and status changes, the full edit form, and delete with a confirm
 * step. A deleted opportunity (an old card) says so.
 */
import { Pencil, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Opportunity } from '#shared/opportunities';
import type { RecordPanelProps } from '../../inbox/records/RecordPanels';
import { useTeam } from '../../lib/queries';
import { useSession } from '../../lib/session';
import { formatMoney } from './money';
import { OpportunityForm } from './OpportunityForm';
import { useOpportunity, useOpportunityLive, usePipelines } from './queries';
import { StatusActions } from './StatusActions';
import { STATUS_LABEL } from './status';
import { useOpportunityActions } from './useOpportunityActions';
import { recordState } from '../RecordState';
import './opportunities.css';

export default function OpportunityView({ id, close }: RecordPanelProps) {
  useOpportunityLive();
  const q = useOpportunity(id);
  const [editing, setEditing] = useState(false);

  const state = recordState(q, { noun: 'opportunity', goneTitle: 'This opportunity was deleted', goneIcon: Trash2, className: 'opp-state', iconClassName: 'opp-state-icon', close });
  if (state !== null || !q.data) return state;
  if (editing) {
    return <OpportunityForm contactId={q.data.contactId} initial={q.data} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  }
  return <Details o={q.data} onEdit={() => setEditing(true)} />;
}

function Details({ o, onEdit }: { o: Opportunity; onEdit(): void }) {
  const { timeZone } = useSession();
  const team = useTeam();
  const pipelines = usePipelines();
  const actions = useOpportunityActions(o);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmDelete) confirmRef.current?.focus();
  }, [confirmDelete]);

  const memberName = (userId: string | null, none: string) =>
    userId ? (team.data?.find((m) => m.id === userId)?.name ?? (team.isPending ? '…' : 'Former team member')) : none;
  const stages = pipelines.data?.find((p) => p.id === o.pipelineId)?.stages ?? [{ id: o.pipelineStageId, name: o.stageName, position: 0 }];
  const date = (iso: string) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone }).format(new Date(iso));

  return (
    <div className="opp-view">
      <header className="opp-head">
        <h3 className="opp-name">{o.name}</h3>
        <span className={`chip opp-status status-${o.status}`}>{STATUS_LABEL[o.status]}</span>
      </header>
      <div className="opp-value">{formatMoney(o.monetaryValue, o.currency)}</div>

      <dl className="sp-facts opp-facts">
        <dt>Pipeline</dt>
        <dd>{o.pipelineName}</dd>
        <dt className="opp-control-label">
          <label htmlFor={`stage-${o.id}`}>Stage</label>
        </dt>
        <dd>
          <select id={`stage-${o.id}`} className="opp-stage" value={o.pipelineStageId} disabled={actions.busy} onChange={(e) => void actions.update({ pipelineStageId: e.target.value })}>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </dd>
        {o.status === 'lost' && (
          <>
            <dt>Lost reason</dt>
            <dd>{o.lostReason}</dd>
          </>
        )}
        <dt>Owner</dt>
        <dd>{memberName(o.assignedTo, 'Unassigned')}</dd>
        <dt>Source</dt>
        <dd>{o.source ?? <span className="muted">None</span>}</dd>
        <dt>Created</dt>
        <dd>
          {date(o.createdAt)}
          {o.createdBy && <span className="muted"> by {memberName(o.createdBy, '')}</span>}
        </dd>
        {date(o.updatedAt) !== date(o.createdAt) && (
          <>
            <dt>Updated</dt>
            <dd>{date(o.updatedAt)}</dd>
          </>
        )}
      </dl>

      <StatusActions o={o} busy={actions.busy} onChange={actions.update} />
      {actions.error && (
        <p className="form-error" role="alert">
          {actions.error}
        </p>
      )}

      <footer className="opp-footer">
        {confirmDelete ? (
          <div className="opp-confirm" role="group" aria-label="Confirm deleting the opportunity">
            <span>Delete this opportunity?</span>
            <button type="button" className="button small" onClick={() => setConfirmDelete(false)} disabled={actions.busy}>
              Cancel
            </button>
            <button ref={confirmRef} type="button" className="button small danger-solid" onClick={() => void actions.remove()} disabled={actions.busy}>
              Delete
            </button>
          </div>
        ) : (
          <>
            <button type="button" className="button small" onClick={onEdit}>
              <Pencil size={13} aria-hidden="true" /> Edit
            </button>
            <button type="button" className="button small danger" onClick={() => {
                actions.clearError();
                setConfirmDelete(true);
              }}>
              <Trash2 size={13} aria-hidden="true" /> Delete
            </button>
          </>
        )}
      </footer>
    </div>
  );
}
