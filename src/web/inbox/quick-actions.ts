/**
 * Quick actions of the open conversation (the header's Actions menu), delivered to whichever part
 * of the inbox performs them: the composer (snippet, internal comment), the side panel (book an
 * appointment, new opportunity, new invoice, DND), the header's call button (call) and the inbox
 * page (bring the side column up).
 * A menu entry shows only while something handles it: a part registers with useQuickAction.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';

export type QuickAction = 'snippet' | 'note' | 'appointment' | 'opportunity' | 'invoice' | 'dnd' | 'call';

const handlers = new Map<QuickAction, Set<() => void>>();
const watchers = new Set<() => void>();
let version = 0;
const changed = () => {
  version += 1;
  watchers.forEach((w) => w());
};

export function runQuickAction(action: QuickAction): void {
  handlers.get(action)?.forEach((h) => h());
}

/** Handles quick actions while the component is mounted. */
export function useQuickAction(actions: QuickAction | QuickAction[], handler: (action: QuickAction) => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  const key = ([] as QuickAction[]).concat(actions).join(',');
  useEffect(() => {
    const list = key.split(',') as QuickAction[];
    const fns = list.map((a) => [a, () => ref.current(a)] as const);
    for (const [a, fn] of fns) {
      if (!handlers.has(a)) handlers.set(a, new Set());
      handlers.get(a)!.add(fn);
    }
    changed();
    return () => {
      for (const [a, fn] of fns) handlers.get(a)?.delete(fn);
      changed();
    };
  }, [key]);
}

/** Is anything handling this action now? (Re-renders when that changes.) */
export function useHasQuickAction(action: QuickAction): boolean {
  useSyncExternalStore(
    (fn) => {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
    () => version,
  );
  return (handlers.get(action)?.size ?? 0) > 0;
}
