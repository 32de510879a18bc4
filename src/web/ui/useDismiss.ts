/**
 * A top-bar panel (location list, user menu, notification centre) closes on a press outside it and
 * on Escape, which gives focus back to the control that opened it.
 */
import { useEffect, useRef, type RefObject } from 'react';

export function useDismiss(open: boolean, close: () => void, root: RefObject<HTMLElement | null>, focusBack: () => HTMLElement | null | undefined): void {
  const latest = useRef({ close, focusBack });
  latest.current = { close, focusBack };
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) latest.current.close();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      latest.current.close();
      latest.current.focusBack()?.focus();
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open, root]);
}
