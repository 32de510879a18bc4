/**
 * Invoices in the query cache: one invoice with its transactions (null when it does not exist),
 * a contact's list; live invoice.* events and local changes patch them in place.
 */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Invoice, InvoiceDetail } from '#shared/invoices';
import { ApiError, get } from '../../lib/api';
import { useSession } from '../../lib/session';

export const invKeys = {
  one: (id: string) => ['invoice', id] as const,
  ofContact: (contactId: string) => ['invoices', 'contact', contactId] as const,
};

const CONTACT_LIMIT = 100;

export function useInvoice(id: string) {
  return useQuery({
    queryKey: invKeys.one(id),
    queryFn: async () => {
      try {
        return await get<InvoiceDetail>(`/invoices/${id}`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function useContactInvoices(contactId: string) {
  return useQuery({
    queryKey: invKeys.ofContact(contactId),
    queryFn: () => get<{ items: Invoice[] }>(`/invoices?contactId=${contactId}&limit=${CONTACT_LIMIT}`).then((r) => r.items),
    staleTime: 60_000,
  });
}

const newestFirst = (a: Invoice, b: Invoice) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

/** An invoice as the API answered it, everywhere it is shown (a detail replaces the open panel's). */
export function upsertInvoice(qc: QueryClient, inv: Invoice | InvoiceDetail): void {
  const { transactions: _t, ...summary } = inv as InvoiceDetail;
  if ('transactions' in inv) qc.setQueryData(invKeys.one(inv.id), inv);
  qc.setQueryData<Invoice[]>(invKeys.ofContact(inv.contactId), (list) => (list ? [...list.filter((x) => x.id !== inv.id), summary].sort(newestFirst) : list));
}

/** Applies invoice events from the live connection (safe to mount more than once). */
export function useInvoiceLive(): void {
  const { realtime } = useSession();
  const qc = useQueryClient();
  useEffect(
    () =>
      realtime.onFrame((f) => {
        if (f.type !== 'invoice.created' && f.type !== 'invoice.updated') return;
        const inv = f.data as Invoice;
        upsertInvoice(qc, inv);
        // Events carry the invoice without its transactions (a failed Stripe attempt changes only
        // those): refetch the detail if a panel has it.
        if (qc.getQueryData(invKeys.one(inv.id))) void qc.invalidateQueries({ queryKey: invKeys.one(inv.id) });
      }),
    [realtime, qc],
  );
}

