/** Adding a stage at the end of a pipeline: a name and Add; the box empties once it is added. */
import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';

export function AddStageForm({ pipelineName, busy, onAdd }: { pipelineName: string; busy: boolean; onAdd(name: string): Promise<boolean> }) {
  const [name, setName] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return;
    if (await onAdd(name.trim())) setName('');
  }

  return (
    <form className="add-stage" onSubmit={submit} aria-label={`Add a stage to ${pipelineName}`}>
      <input type="text" aria-label={`New stage of ${pipelineName}`} placeholder="New stage, e.g. Follow-up" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="button small" disabled={busy || !name.trim()}>
        <Plus size={13} aria-hidden="true" /> Add stage
      </button>
    </form>
  );
}
