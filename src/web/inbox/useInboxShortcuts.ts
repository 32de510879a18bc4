/**
 * Inbox keyboard shortcuts: j/k next/previous conversation, r reply, c internal comment, e close
 * or reopen, s star, u mark unread, / search, ? the list of shortcuts. Ignored while typing.
 */
import { useEffect, useRef } from 'react';
import type { Conversation } from '#shared/conversations';
import { useConversationActions } from '../lib/actions';

export const SHORTCUTS: [string, string][] = [
  ['j', 'Next conversation'],
  ['k', 'Previous conversation'],
  ['r', 'Reply'],
  ['c', 'Internal comment'],
  ['e', 'Close or reopen the conversation'],
  ['s', 'Star or unstar'],
  ['u', 'Mark as unread'],
  ['/', 'Search'],
  ['?', 'Show these shortcuts'],
  ['Esc', 'Leave a text field'],
];

interface Handlers {
  conversation?: Conversation;
  select(delta: 1 | -1): void;
  focusSearch(): void;
  focusComposer(mode: 'reply' | 'note'): void;
  showHelp(): void;
}

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

export function useInboxShortcuts(h: Handlers) {
  const actions = useConversationActions();
  const ref = useRef(h);
  ref.current = h;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === 'Escape' && typing(e.target)) return (e.target as HTMLElement).blur();
      if (e.metaKey || e.ctrlKey || e.altKey || typing(e.target) || document.querySelector('[role="dialog"]')) return;
      const { conversation: c, select, focusSearch, focusComposer, showHelp } = ref.current;
      const run: Record<string, () => unknown> = {
        j: () => select(1),
        k: () => select(-1),
        '/': focusSearch,
        '?': showHelp,
        r: () => c && focusComposer('reply'),
        c: () => c && focusComposer('note'),
        e: () => c && actions.toggleClosed(c).catch(() => undefined),
        s: () => c && actions.toggleStar(c).catch(() => undefined),
        u: () => c && actions.markUnread(c).catch(() => undefined),
      };
      const fn = run[e.key];
      if (!fn) return;
      e.preventDefault();
      fn();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions]);
}
