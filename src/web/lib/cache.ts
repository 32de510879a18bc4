/**
 * Applying real-time events and local changes to the query cache, so every view (list tabs, the
 * open thread, the header, contact details) shows the same truth without refetching.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { Me } from '#shared/auth';
import type { Message } from '#shared/messages';
import { get } from './api';
import { noteEvent, noteMentionOfMe, placeInLists, removeFromLists } from './list-cache';
import { keys, type Pages } from './queries';

/**
 * Puts a conversation where it belongs in every loaded list — by tab, filters and sort; search and
 * mention lists only refresh the rows they show (see list-cache.ts). `cursor`: the live event's.
 */
export function upsertConversation(qc: QueryClient, c: Conversation, cursor?: string): void {
  qc.setQueryData(keys.conversation(c.id), c);
  noteEvent(cursor, c.id, c);
  placeInLists(qc, c);
}

export function removeConversation(qc: QueryClient, id: string, cursor?: string): void {
  qc.removeQueries({ queryKey: keys.conversation(id) });
  qc.removeQueries({ queryKey: keys.messages(id) });
  noteEvent(cursor, id, null);
  removeFromLists(qc, id);
}

/** Adds or replaces a timeline item in its loaded thread (pages are newest first). */
export function upsertMessage(qc: QueryClient, m: Message): void {
  qc.setQueryData<Pages<Message>>(keys.messages(m.conversationId), (data) => {
    if (!data || data.pages.length === 0) return data;
    const old = data.pages.flatMap((p) => p.items).find((x) => x.id === m.id);
    // Same place, unless its time moved (a scheduled message edited, sent or cancelled): then re-placed.
    if (old && old.createdAt === m.createdAt) {
      return { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.map((x) => (x.id === m.id ? m : x)) })) };
    }
    if (old) data = { ...data, pages: data.pages.map((p) => ({ ...p, items: p.items.filter((x) => x.id !== m.id) })) };
    const [first, ...rest] = data.pages;
    const items = [...first.items, m].sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
    return { ...data, pages: [{ ...first, items }, ...rest] };
  });
}

/**
 * An internal comment mentioning me: its conversation joins the loaded "mentions of me" lists at
 * once (the comment leaves the conversation row as it was, so no conversation event says so).
 */
export async function applyMentions(qc: QueryClient, m: Message): Promise<void> {
  const me = qc.getQueryData<Me>(['me'])?.user?.id;
  const mentions = m.meta.mentions;
  if (m.messageType !== 'TYPE_INTERNAL_COMMENT' || !me || !Array.isArray(mentions) || !mentions.includes(me)) return;
  noteMentionOfMe(m.conversationId);
  const cached = qc.getQueryData<Conversation>(keys.conversation(m.conversationId));
  const c = cached ?? (await get<Conversation>(`/conversations/${m.conversationId}`).catch(() => null));
  // A conversation event that came meanwhile has already placed the newer row.
  const now = qc.getQueryData<Conversation>(keys.conversation(m.conversationId)) ?? c;
  if (now) {
    qc.setQueryData(keys.conversation(now.id), now);
    placeInLists(qc, now);
  }
}

export function upsertContact(qc: QueryClient, c: Contact): void {
  qc.setQueryData(keys.contact(c.id), c);
}
