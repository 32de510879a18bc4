/** One-click changes from the View Opportunity panel (stage, status, delete), with their error. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Opportunity, OpportunityPatch } from '#shared/opportunities';
import { del, errorMessage, patch } from '../../lib/api';
import { removeOpportunity, upsertOpportunity } from './queries';

export function useOpportunityActions(o: Opportunity) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function run(fn: () => Promise<void>): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    busy,
    error,
    clearError: () => setError(null),
    update: (change: OpportunityPatch) => run(async () => upsertOpportunity(qc, await patch<Opportunity>(`/opportunities/${o.id}`, change))),
    remove: () =>
      run(async () => {
        await del(`/opportunities/${o.id}`);
        removeOpportunity(qc, o);
      }),
  };
}
