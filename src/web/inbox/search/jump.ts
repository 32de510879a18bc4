/**
 * Jump to a message: a search result asks (requestJump), the thread of that conversation answers
 * (useJumpToMessage). The thread is paged newest first; a message older than the loaded pages is
 * brought in with one request (?around=<id>: the thread from the newest item down to it), which
 * replaces the loaded pages so they stay contiguous. Then the thread scrolls to it and marks it.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { Message } from '#shared/messages';
import { get } from '../../lib/api';
import { keys, type Page, type Pages } from '../../lib/queries';

interface Jump {
  conversationId: string;
  messageId: string;
  nonce: number;
}

let pending: Jump | null = null;
let nonce = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => void listeners.delete(l);
};

export function requestJump(conversationId: string, messageId: string): void {
  pending = { conversationId, messageId, nonce: ++nonce };
  notify();
}

function done(j: Jump): void {
  if (pending?.nonce !== j.nonce) return;
  pending = null;
  notify();
}

/** How long the message stays marked after the jump. */
const MARK_MS = 2600;

/**
 * For Thread: returns the id of the message to mark while it is. `ready`: the first page is in;
 * `indexOf`: a message's row index (-1 when not loaded); `scrollTo`: brings a row into view.
 */
export function useJumpToMessage(conversationId: string, ready: boolean, indexOf: (id: string) => number, scrollTo: (index: number) => void): string | null {
  const qc = useQueryClient();
  const jump = useSyncExternalStore(subscribe, () => pending);
  const target = jump?.conversationId === conversationId ? jump : null;
  const [marked, setMarked] = useState<{ id: string; nonce: number } | null>(null);
  const fetched = useRef(0);
  const index = target ? indexOf(target.messageId) : -1;

  // Not loaded yet: load the thread down to it (once per request).
  useEffect(() => {
    if (!target || !ready || index >= 0 || fetched.current === target.nonce) return;
    fetched.current = target.nonce;
    get<Page<Message>>(`/conversations/${conversationId}/messages?around=${target.messageId}&limit=20`)
      .then((page) => qc.setQueryData<Pages<Message>>(keys.messages(conversationId), { pages: [page], pageParams: [null] }))
      .catch(() => done(target)); // gone, or too far back: the conversation opens as usual
  }, [target, ready, index, conversationId, qc]);

  // Loaded: mark it, and scroll to it once the thread has settled (its first render sticks to the bottom).
  useEffect(() => {
    if (!target || !ready || index < 0) return;
    setMarked({ id: target.messageId, nonce: target.nonce });
    done(target);
  }, [target, ready, index]);

  const latest = useRef({ indexOf, scrollTo });
  latest.current = { indexOf, scrollTo };
  useEffect(() => {
    if (!marked) return;
    const go = () => {
      const i = latest.current.indexOf(marked.id);
      if (i >= 0) latest.current.scrollTo(i);
    };
    const timers = [setTimeout(go, 40), setTimeout(go, 250), setTimeout(() => setMarked(null), MARK_MS)];
    return () => timers.forEach(clearTimeout);
  }, [marked]);

  return marked?.id ?? null;
}
