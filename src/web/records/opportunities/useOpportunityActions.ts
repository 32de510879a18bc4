/** One-click changes from the View Opportunity panel (stage, status, delete), with their error. */
import { useQueryClient } from '@tanstack/react-query';
import type { Opportunity, OpportunityPatch } from '#shared/opportunities';
import { del, patch } from '../../lib/api';
import { useRunner } from '../../lib/useRunner';
import { removeOpportunity, upsertOpportunity } from './queries';

export function useOpportunityActions(o: Opportunity) {
  const qc = useQueryClient();
  const { busy, error, setError, run } = useRunner();

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
