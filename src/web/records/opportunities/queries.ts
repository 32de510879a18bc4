/**
 * Opportunities in the query cache: the location's pipelines, one opportunity (null once deleted),
 * a contact's list; live events and local changes patch them in place.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Opportunity, Pipeline } from '#shared/opportunities';
import { ApiError, get } from '../../lib/api';
import { useSession } from '../../lib/session';

export const oppKeys = {
  pipelines: () => ['pipelines'] as const,
  one: (id: string) => ['opportunity', id] as const,
  ofContact: (contactId: string) => ['opportunities', 'contact', contactId] as const,
};

/** A contact rarely has more than a handful; the panel shows the newest 100. */
const CONTACT_LIMIT = 100;

export function usePipelines() {
  return useQuery({
    queryKey: oppKeys.pipelines(),
    queryFn: () => get<{ items: Pipeline[] }>('/pipelines').then((r) => r.items),
    staleTime: 5 * 60_000,
  });
}

/** The opportunity, or null when it no longer exists (deleted, or never in this location). */
export function useOpportunity(id: string) {
  return useQuery({
    queryKey: oppKeys.one(id),
    queryFn: async () => {
      try {
        return await get<Opportunity>(`/opportunities/${id}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useContactOpportunities(contactId: string) {
  return useQuery({
    queryKey: oppKeys.ofContact(contactId),
    queryFn: () => get<{ items: Opportunity[] }>(`/opportunities?contactId=${contactId}&limit=${CONTACT_LIMIT}`).then((r) => r.items),
    staleTime: 60_000,
  });
}

const newestFirst = (a: Opportunity, b: Opportunity) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

/** A created or changed opportunity, everywhere it is shown. */
export function upsertOpportunity(qc: QueryClient, o: Opportunity): void {
  qc.setQueryData(oppKeys.one(o.id), o);
  qc.setQueryData<Opportunity[]>(oppKeys.ofContact(o.contactId), (list) => (list ? [...list.filter((x) => x.id !== o.id), o].sort(newestFirst) : list));
}

/** A deleted opportunity: gone from its contact's list, and known as deleted to an open panel. */
export function removeOpportunity(qc: QueryClient, o: Pick<Opportunity, 'id' | 'contactId'>): void {
  qc.setQueryData(oppKeys.one(o.id), null);
  qc.setQueryData<Opportunity[]>(oppKeys.ofContact(o.contactId), (list) => list?.filter((x) => x.id !== o.id));
}

/** Applies opportunity events from the live connection to the cache (safe to mount more than once). */
export function useOpportunityLive(): void {
  const { realtime } = useSession();
  const qc = useQueryClient();
  useEffect(
    () =>
      realtime.onFrame((f) => {
        if (f.type === 'opportunity.created' || f.type === 'opportunity.updated') upsertOpportunity(qc, f.data as Opportunity);
        else if (f.type === 'opportunity.deleted') removeOpportunity(qc, f.data as Opportunity);
      }),
    [realtime, qc],
  );
}
