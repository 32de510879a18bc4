/**
 * One pipeline in Settings: its name (renamed in place), its stages in order (add, rename, move,
 * delete one at a time) and deleting the pipeline. What the server refuses is said in the card.
 */
import { Check, Pencil } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { Pipeline } from '#shared/opportunities';
import { del, patch, post } from '../../lib/api';
import { ConfirmAction } from '../ConfirmAction';
import { InlineRename } from '../InlineRename';
import { AddStageForm } from './AddStageForm';
import { StageRow } from './StageRow';
import { usePipelineEdit } from './usePipelineEdit';

export function PipelineCard({ pipeline }: { pipeline: Pipeline }) {
  const edit = usePipelineEdit(pipeline.id);
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [refocus, setRefocus] = useState<{ stageId: string; direction: 'up' | 'down' } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const base = `/pipelines/${pipeline.id}`;
  const stages = pipeline.stages;

  // A moved stage keeps the focus on its arrow (or the other one at the end of the list).
  useEffect(() => {
    if (!refocus || edit.busy) return;
    const row = listRef.current?.querySelector(`[data-stage-id="${refocus.stageId}"]`);
    const want = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction}"]`);
    const other = row?.querySelector<HTMLButtonElement>(`[data-move="${refocus.direction === 'up' ? 'down' : 'up'}"]`);
    (want && !want.disabled ? want : other)?.focus();
    setRefocus(null);
  }, [refocus, edit.busy, pipeline]);

  const rename = (name: string) => edit.run(() => patch<Pipeline>(base, { name }), 'Could not rename the pipeline');
  const remove = () => void edit.run(() => del(base).then(() => null), `Could not delete “${pipeline.name}”`);
  const stageWord = `${stages.length} ${stages.length === 1 ? 'stage' : 'stages'}`;

  return (
    <article className="settings-card pipeline-card" aria-label={`Pipeline ${pipeline.name}`} aria-busy={edit.busy}>
      <header className={confirming ? 'pipeline-head is-confirming' : 'pipeline-head'}>
        {renaming ? (
          <InlineRename
            value={pipeline.name}
            label={`New name for the pipeline ${pipeline.name}`}
            busy={edit.busy}
            onCancel={() => setRenaming(false)}
            onSave={(name) => void rename(name).then((ok) => ok && setRenaming(false))}
          />
        ) : (
          <>
            <div className="pipeline-title">
              <h3>{pipeline.name}</h3>
              <span className="muted">{stageWord}</span>
            </div>
            <span className="pipeline-status" role="status" hidden={confirming}>
              {edit.busy ? (
                'Saving…'
              ) : edit.saved ? (
                <>
                  <Check size={14} aria-hidden="true" /> Saved
                </>
              ) : null}
            </span>
            <span className={confirming ? 'pipeline-actions confirm-slot' : 'pipeline-actions'}>
              {!confirming && (
                <button type="button" className="button small" disabled={edit.busy} onClick={() => setRenaming(true)} aria-label={`Rename the pipeline ${pipeline.name}`}>
                  <Pencil size={13} aria-hidden="true" /> Rename
                </button>
              )}
              <ConfirmAction
                trigger="Delete"
                triggerLabel={`Delete the pipeline ${pipeline.name}`}
                disabled={edit.busy}
                question={`Delete “${pipeline.name}”? Only a pipeline without opportunities can go.`}
                confirmLabel="Delete pipeline"
                onConfirm={remove}
                onAsking={(asking) => (setConfirming(asking), asking && edit.clearError())}
              />
            </span>
          </>
        )}
      </header>
      {edit.error && (
        <p className="form-error pipeline-error" role="alert">
          {edit.error}
        </p>
      )}
      <ol className="stage-list" ref={listRef} aria-label={`Stages of ${pipeline.name}, in order`}>
        {stages.map((s, i) => (
          <StageRow
            key={s.id}
            stage={s}
            index={i}
            count={stages.length}
            busy={edit.busy}
            onRename={(name) => edit.run(() => patch<Pipeline>(`${base}/stages/${s.id}`, { name }), `Could not rename “${s.name}”`)}
            onMove={(to, direction) => {
              setRefocus({ stageId: s.id, direction });
              void edit.run(() => patch<Pipeline>(`${base}/stages/${s.id}`, { position: to }), `Could not move “${s.name}”`);
            }}
            onRemove={() => void edit.run(() => del<Pipeline>(`${base}/stages/${s.id}`), `Could not delete “${s.name}”`)}
          />
        ))}
      </ol>
      <AddStageForm
        pipelineName={pipeline.name}
        busy={edit.busy}
        onAdd={(name) => edit.run(() => post<Pipeline>(`${base}/stages`, { name }), `Could not add “${name}”`)}
      />
    </article>
  );
}
