/**
 * Changes to one pipeline from Settings: each call runs one request, puts the answered pipeline
 * into the cache the inbox reads (['pipelines']), and reports busy / saved / the refusal in words.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Pipeline } from '#shared/opportunities';
import { plainError } from '../../lib/field-errors';
import { oppKeys } from '../../records/opportunities/queries';

const LABELS: Record<string, string> = { name: 'Name', stages: 'Stages', position: 'Position' };

export interface PipelineEdit {
  busy: boolean;
  saved: boolean;
  error: string | null;
  /** Runs the request; the pipeline it answers replaces the cached one (null: it was deleted). */
  run(request: () => Promise<Pipeline | null>, failure: string): Promise<boolean>;
  clearError(): void;
}

export function usePipelineEdit(pipelineId: string): PipelineEdit {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(request: () => Promise<Pipeline | null>, failure: string) {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      const next = await request();
      qc.setQueryData<Pipeline[]>(oppKeys.pipelines(), (list) =>
        list && (next ? list.map((p) => (p.id === pipelineId ? next : p)) : list.filter((p) => p.id !== pipelineId)),
      );
      // Opportunities show their pipeline's and stage's names: read them again when next shown.
      void qc.invalidateQueries({ queryKey: ['opportunities'] });
      void qc.invalidateQueries({ queryKey: ['opportunity'] });
      setSaved(true);
      return true;
    } catch (err) {
      setError(`${failure}: ${plainError(err, (k) => LABELS[k.split('.')[0]] ?? k)}`);
      return false;
    } finally {
      setBusy(false);
    }
  }

  return { busy, saved, error, run, clearError: () => setError(null) };
}
