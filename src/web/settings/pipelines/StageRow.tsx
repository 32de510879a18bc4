/**
 * One stage of a pipeline in Settings: its place, its name (renamed in place), up and down
 * buttons, and removal with a confirm step (the server refuses a stage that holds opportunities).
 */
import { ArrowDown, ArrowUp, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import type { PipelineStage } from '#shared/opportunities';
import { ConfirmAction } from '../ConfirmAction';
import { InlineRename } from '../InlineRename';

export function StageRow({
  stage,
  index,
  count,
  busy,
  onRename,
  onMove,
  onRemove,
}: {
  stage: PipelineStage;
  index: number;
  count: number;
  busy: boolean;
  onRename(name: string): Promise<boolean>;
  onMove(to: number, direction: 'up' | 'down'): void;
  onRemove(): void;
}) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const last = index === count - 1;

  return (
    <li className={confirming ? 'stage-row is-confirming' : 'stage-row'} data-stage-id={stage.id}>
      <span className="stage-number" aria-hidden="true">
        {index + 1}
      </span>
      {renaming ? (
        <InlineRename
          value={stage.name}
          label={`New name for the stage ${stage.name}`}
          busy={busy}
          onCancel={() => setRenaming(false)}
          onSave={(name) => void onRename(name).then((ok) => ok && setRenaming(false))}
        />
      ) : (
        <>
          <span className="stage-name">{stage.name}</span>
          <span className={confirming ? 'stage-actions confirm-slot' : 'stage-actions'}>
            {!confirming && (
              <>
                <button type="button" className="icon-button" data-move="up" disabled={busy || index === 0} aria-label={`Move ${stage.name} up`} title="Move up" onClick={() => onMove(index - 1, 'up')}>
                  <ArrowUp size={15} aria-hidden="true" />
                </button>
                <button type="button" className="icon-button" data-move="down" disabled={busy || last} aria-label={`Move ${stage.name} down`} title="Move down" onClick={() => onMove(index + 1, 'down')}>
                  <ArrowDown size={15} aria-hidden="true" />
                </button>
                <button type="button" className="icon-button" disabled={busy} aria-label={`Rename ${stage.name}`} title="Rename" onClick={() => setRenaming(true)}>
                  <Pencil size={14} aria-hidden="true" />
                </button>
              </>
            )}
            <ConfirmAction
              trigger={<Trash2 size={14} aria-hidden="true" />}
              triggerLabel={`Delete ${stage.name}`}
              triggerClass="icon-button stage-delete"
              disabled={busy}
              question={`Delete the stage “${stage.name}”?`}
              confirmLabel="Delete stage"
              onConfirm={onRemove}
              onAsking={setConfirming}
            />
          </span>
        </>
      )}
    </li>
  );
}
