/**
 * After inserting text into a controlled textarea (a mention, a snippet, a merge field): puts the
 * caret at a position, with focus, as the new value is committed — before the next key is handled.
 * (Doing it on a later animation frame let fast typing on a busy device land before the caret moved.)
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

export function useCaretAfter(ref: RefObject<HTMLTextAreaElement | null>, value: string): (position: number) => void {
  const pending = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (pending.current === null || !el) return;
    el.focus();
    el.setSelectionRange(pending.current, pending.current);
    pending.current = null;
  }, [value, ref]);
  return (position) => {
    pending.current = position;
  };
}
