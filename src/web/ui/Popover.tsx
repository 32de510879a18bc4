/**
 * A small anchored panel (above its button by default: the composer sits at the bottom). Closes on
 * Escape (focus goes back to the button) and on a click outside.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import './popover.css';

export function Popover({
  open,
  onClose,
  label,
  button,
  children,
  align = 'left',
  className = '',
}: {
  open: boolean;
  onClose(): void;
  label: string;
  button: ReactNode;
  children: ReactNode;
  align?: 'left' | 'right';
  className?: string;
}) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) onClose();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.stopPropagation();
      onClose();
      root.current?.querySelector<HTMLElement>('button')?.focus();
    };
    document.addEventListener('mousedown', onDown);
    root.current?.addEventListener('keydown', onKey);
    const el = root.current;
    return () => {
      document.removeEventListener('mousedown', onDown);
      el?.removeEventListener('keydown', onKey);
    };
  }, [open, onClose]);

  return (
    <div className="popover-anchor" ref={root}>
      {button}
      {open && (
        <div className={`popover popover-${align} ${className}`} role="dialog" aria-label={label}>
          {children}
        </div>
      )}
    </div>
  );
}
