/**
 * The contact's opportunities: pipeline, stage, value, status and owner, newest first. One opens in
 * the record panel (View Opportunity); a new one is created in place.
 */
import { Plus, Target } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { useTeam } from '../../lib/queries';
import { Spinner } from '../../ui/Spinner';
import { formatMoney } from '../../records/opportunities/money';
import { OpportunityForm } from '../../records/opportunities/OpportunityForm';
import { useContactOpportunities, useOpportunityLive } from '../../records/opportunities/queries';
import { STATUS_LABEL } from '../../records/opportunities/status';
import { useRecordPanels } from '../records/RecordPanels';

/** initialCreate: open with the new-opportunity form (the header's "Create opportunity"). */
export function OpportunityPanel({ contactId, initialCreate = false }: { contactId: string; initialCreate?: boolean }) {
  useOpportunityLive();
  const list = useContactOpportunities(contactId);
  const team = useTeam();
  const { open } = useRecordPanels();
  const [creating, setCreating] = useState(initialCreate);

  if (creating) {
    return (
      <div className="sp-sections">
        <section className="sp-section" aria-label="New opportunity">
          <h2 className="sp-title">New opportunity</h2>
          <OpportunityForm contactId={contactId} onDone={() => setCreating(false)} onCancel={() => setCreating(false)} />
        </section>
      </div>
    );
  }
  if (list.isPending) return <Spinner label="Loading opportunities" />;
  if (list.isError) {
    return (
      <div className="empty-state sp-state" role="alert">
        <h2>Could not load opportunities</h2>
        <p>{errorMessage(list.error)}</p>
        <button type="button" className="button" onClick={() => void list.refetch()}>
          Try again
        </button>
      </div>
    );
  }

  const items = list.data;
  const newButton = (
    <button type="button" className="button small" onClick={() => setCreating(true)}>
      <Plus size={13} aria-hidden="true" /> New
    </button>
  );
  if (items.length === 0) {
    return (
      <div className="empty-state sp-state">
        <Target size={28} aria-hidden="true" className="sp-state-icon" />
        <h2>No opportunities yet</h2>
        <p>Track a treatment this contact is considering: its stage, value and who owns it.</p>
        <button type="button" className="button" onClick={() => setCreating(true)}>
          <Plus size={14} aria-hidden="true" /> New opportunity
        </button>
      </div>
    );
  }

  const ownerName = (id: string | null) => (id ? (team.data?.find((m) => m.id === id)?.name ?? 'Former team member') : 'Unassigned');
  return (
    <div className="sp-sections">
      <section className="sp-section" aria-label="Opportunities">
        <div className="opp-list-head">
          <h2 className="sp-title">
            Opportunities <span className="sp-count">{items.length}</span>
          </h2>
          {newButton}
        </div>
        <ul className="sp-cards">
          {items.map((o) => (
            <li key={o.id}>
              <button type="button" className="sp-card opp-card" onClick={() => open({ type: 'opportunity', id: o.id })} aria-label={`View opportunity ${o.name}`}>
                <span className="sp-card-top">
                  <strong className="sp-card-title">{o.name}</strong>
                  <span className="sp-card-value">{formatMoney(o.monetaryValue, o.currency)}</span>
                </span>
                <span className="sp-card-top">
                  <span className="sp-card-meta" title={`${o.pipelineName} › ${o.stageName}`}>
                    {o.pipelineName} › {o.stageName}
                  </span>
                  <span className={`chip status-${o.status}`}>{STATUS_LABEL[o.status]}</span>
                </span>
                <span className="sp-card-meta">{ownerName(o.assignedTo)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
