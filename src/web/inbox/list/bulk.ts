/** Bulk actions from the web app: the API call, then the cached rows changed at once (events settle them). */
import type { QueryClient } from '@tanstack/react-query';
import type { BulkAction, BulkResult } from '#shared/bulk';
import type { Conversation } from '#shared/conversations';
import { post } from '../../lib/api';
import { removeConversation, upsertConversation } from '../../lib/cache';
import { keys, type Pages } from '../../lib/queries';

function cached(qc: QueryClient, id: string): Conversation | undefined {
  const one = qc.getQueryData<Conversation>(keys.conversation(id));
  if (one) return one;
  for (const [, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: ['conversations'] })) {
    const found = data?.pages.flatMap((p) => p.items).find((c) => c.id === id);
    if (found) return found;
  }
  return undefined;
}

function applied(c: Conversation, action: BulkAction, assignedTo: string | null): Conversation {
  switch (action) {
    case 'read':
      return { ...c, unreadCount: 0 };
    case 'unread':
      return { ...c, unreadCount: Math.max(1, c.unreadCount) };
    case 'star':
    case 'unstar':
      return { ...c, starred: action === 'star' };
    case 'close':
    case 'reopen':
      return { ...c, state: action === 'close' ? 'closed' : 'open' };
    case 'assign':
      return { ...c, assignedTo };
    default:
      return c;
  }
}

export async function runBulk(qc: QueryClient, ids: string[], action: BulkAction, assignedTo: string | null = null): Promise<BulkResult> {
  const result = await post<BulkResult>('/conversations/bulk', { ids, action, ...(action === 'assign' && { assignedTo }) });
  for (const id of result.done) {
    if (action === 'delete') {
      removeConversation(qc, id);
      continue;
    }
    const c = cached(qc, id);
    if (c) upsertConversation(qc, applied(c, action, assignedTo));
  }
  return result;
}

const DONE: Record<BulkAction, string> = {
  read: 'Marked {n} as read',
  unread: 'Marked {n} as unread',
  star: 'Starred {n}',
  unstar: 'Unstarred {n}',
  close: 'Closed {n}',
  reopen: 'Reopened {n}',
  assign: 'Assigned {n} to {who}',
  delete: 'Deleted {n}',
};

const plural = (n: number) => `${n} conversation${n === 1 ? '' : 's'}`;

/** "Closed 48 conversations. 2 refused: not found (deleted, or not visible to you)." */
export function bulkSummary(r: BulkResult, action: BulkAction, who: string | null): string {
  const done =
    action === 'assign' && !who
      ? `Unassigned ${plural(r.done.length)}`
      : DONE[action].replace('{n}', plural(r.done.length)).replace('{who}', who ?? '');
  if (r.refused.length === 0) return `${done}.`;
  const reasons = [...new Set(r.refused.map((x) => (x.code === 'not_found' ? 'not found (deleted, or not visible to you)' : x.message)))];
  return `${done}. ${r.refused.length} refused: ${reasons.join('; ')}.`;
}
