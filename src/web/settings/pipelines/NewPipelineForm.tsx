/** A new pipeline: its name and its first stages, one per line (more can be added afterwards). */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { Pipeline } from '#shared/opportunities';
import { post } from '../../lib/api';
import { fieldErrors, plainError } from '../../lib/field-errors';
import { oppKeys } from '../../records/opportunities/queries';
import { Field } from '../Field';

const LABELS: Record<string, string> = { name: 'Name', stages: 'Stages' };

/** The stage names typed, one per line, blank lines left out. */
export const stageLines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function localProblem(stages: string[]): string | undefined {
  if (stages.length === 0) return 'Give the pipeline at least one stage.';
  const seen = new Set<string>();
  for (const s of stages) {
    if (seen.has(s.toLowerCase())) return `“${s}” is listed twice: stage names must differ.`;
    seen.add(s.toLowerCase());
  }
  if (stages.length > 30) return 'A pipeline has at most 30 stages.';
  return stages.find((s) => s.length > 100) && 'A stage name has at most 100 characters.';
}

export function NewPipelineForm({ onDone }: { onDone(created?: Pipeline): void }) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stages = stageLines(text);
  const local = { name: name.trim() ? undefined : 'Give the pipeline a name.', stages: localProblem(stages) };
  const server = fieldErrors(error);
  const shown = {
    name: (checked && local.name) || (server.name && `Name ${server.name}.`),
    stages: (checked && local.stages) || (Object.keys(server).some((k) => k.startsWith('stages')) ? plainError(error, (k) => LABELS[k.split('.')[0]] ?? k) : undefined),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setChecked(true);
    setError(null);
    if (local.name || local.stages) return;
    setBusy(true);
    try {
      const created = await post<Pipeline>('/pipelines', { name: name.trim(), stages: stages.map((s) => ({ name: s })) });
      qc.setQueryData<Pipeline[]>(oppKeys.pipelines(), (list) => list && [...list, created]);
      onDone(created);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const otherError = error != null && !shown.name && !shown.stages;
  return (
    <form className="settings-card settings-form" onSubmit={submit} noValidate aria-labelledby="new-pipeline-title">
      <h3 className="settings-form-title" id="new-pipeline-title">
        New pipeline
      </h3>
      <Field label="Name" error={shown.name || undefined}>
        {(p) => <input {...p} type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Laser hair removal" />}
      </Field>
      <Field label="Stages" error={shown.stages || undefined} hint="One per line, in order. You can add, rename and reorder them afterwards.">
        {(p) => <textarea {...p} rows={5} value={text} onChange={(e) => setText(e.target.value)} placeholder={'For example:\nEnquiry\nConsultation booked\nTreatment done'} />}
      </Field>
      {otherError && (
        <p className="form-error" role="alert">
          {plainError(error, (k) => LABELS[k] ?? k)}
        </p>
      )}
      <div className="settings-actions">
        <button type="button" className="button" onClick={() => onDone()} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create pipeline'}
        </button>
      </div>
    </form>
  );
}
