/**
 * Applying real-time events and local changes to the query cache, so every view (list tabs, the
 * open thread, the header, contact details) shows the same truth without refetching.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { Message } from '#shared/messages';
import { inTab, keys, type Pages, type Tab } from './queries';

const newerFirst = (a: Conversation, b: Conversation) =>
  a.lastMessageAt === b.lastMessageAt ? (a.id < b.id ? 1 : -1) : a.lastMessageAt < b.lastMessageAt ? 1 : -1;

/** Puts a conversation where it belongs in every loaded tab (or takes it out). */
export function upsertConversation(qc: QueryClient, c: Conversation): void {
  qc.setQueryData(keys.conversation(c.id), c);
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: ['conversations'] })) {
    if (!data) continue;
    const tab = key[1] as Tab;
    const searching = !!key[2];
    if (searching) {
      // Search results are the server's to decide: only refresh rows already shown.
      qc.setQueryData<Pages<Conversation>>(key, { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === c.id ? c : x)) })) });
      continue;
    }
    qc.setQueryData<Pages<Conversation>>(key, placeInPages(data, c, inTab(c, tab)));
  }
}

export function removeConversation(qc: QueryClient, id: string): void {
  qc.removeQueries({ queryKey: keys.conversation(id) });
  qc.removeQueries({ queryKey: keys.messages(id) });
  for (const [key, data] of qc.getQueriesData<Pages<Conversation>>({ queryKey: ['conversations'] })) {
    if (data) qc.setQueryData<Pages<Conversation>>(key, { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== id) })) });
  }
}

function placeInPages(data: Pages<Conversation>, c: Conversation, belongs: boolean): Pages<Conversation> {
  const pages = data.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== c.id) }));
  if (belongs) {
    // Into the first page whose range covers it; past the last loaded row only when nothing more is to come.
    let placed = false;
    for (let i = 0; i < pages.length && !placed; i++) {
      const items = pages[i].items;
      const at = items.findIndex((x) => newerFirst(c, x) < 0);
      const isLast = i === pages.length - 1;
      if (at >= 0 || (isLast && pages[i].nextCursor === null)) {
        items.splice(at >= 0 ? at : items.length, 0, c);
        placed = true;
      }
    }
  }
  return { ...data, pages };
}

/** Adds or replaces a timeline item in its loaded thread (pages are newest first). */
export function upsertMessage(qc: QueryClient, m: Message): void {
  qc.setQueryData<Pages<Message>>(keys.messages(m.conversationId), (data) => {
    if (!data || data.pages.length === 0) return data;
    const exists = data.pages.some((p) => p.items.some((x) => x.id === m.id));
    if (exists) {
      return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === m.id ? m : x)) })) };
    }
    const [first, ...rest] = data.pages;
    const items = [...first.items, m].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    return { ...data, pages: [{ ...first, items }, ...rest] };
  });
}

export function upsertContact(qc: QueryClient, c: Contact): void {
  qc.setQueryData(keys.contact(c.id), c);
}
