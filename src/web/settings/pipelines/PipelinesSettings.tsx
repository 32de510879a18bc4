/**
 * Settings → Pipelines: the stages opportunities move through. Every pipeline is a card; its
 * stages are changed one at a time. A location keeps at least one pipeline.
 */
import { Kanban, Plus } from 'lucide-react';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { usePipelines } from '../../records/opportunities/queries';
import { Spinner } from '../../ui/Spinner';
import { NewPipelineForm } from './NewPipelineForm';
import { PipelineCard } from './PipelineCard';
import '../controls.css';
import './pipelines.css';

export function PipelinesSettings() {
  const pipelines = usePipelines();
  const [adding, setAdding] = useState(false);

  const focusCard = (name: string) =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`.pipeline-card[aria-label="Pipeline ${CSS.escape(name)}"] .add-stage input`)?.focus());

  return (
    <section className="settings-section" aria-labelledby="pipelines-title">
      <header className="settings-head settings-head-action">
        <div>
          <h2 id="pipelines-title">Pipelines</h2>
          <p className="muted">
            The stages an opportunity moves through, in order. The team picks a pipeline and stage when they add an opportunity from a conversation.
            A stage or pipeline that still holds opportunities cannot be deleted.
          </p>
        </div>
        {!adding && (
          <button type="button" className="button primary" onClick={() => setAdding(true)}>
            <Plus size={15} aria-hidden="true" /> New pipeline
          </button>
        )}
      </header>
      {adding && (
        <NewPipelineForm
          onDone={(created) => {
            setAdding(false);
            if (created) focusCard(created.name);
          }}
        />
      )}
      {pipelines.isPending ? (
        <Spinner label="Loading pipelines" />
      ) : pipelines.isError ? (
        <div className="settings-card settings-problem" role="alert">
          <p>Could not load the pipelines: {errorMessage(pipelines.error)}</p>
          <button type="button" className="button" onClick={() => void pipelines.refetch()}>
            Try again
          </button>
        </div>
      ) : pipelines.data.length === 0 ? (
        <div className="settings-card settings-empty">
          <Kanban size={18} aria-hidden="true" />
          <p>No pipeline yet. Create one to track the treatments clients are considering.</p>
        </div>
      ) : (
        pipelines.data.map((p) => <PipelineCard key={p.id} pipeline={p} />)
      )}
    </section>
  );
}
