/**
 * A small menu (role="menu"): at a point (a right-click) or under a button. Arrow keys, Home/End
 * and Enter work; Escape, Tab, a click outside or choosing an item closes it and gives focus back.
 * An item with `items` opens them in place, with a way back.
 */
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './menu.css';

export interface MenuItem {
  label: string;
  icon?: ReactNode;
  onSelect?(): void;
  /** A sub-menu, shown in place of this one. */
  items?: MenuEntry[];
  danger?: boolean;
  disabled?: boolean;
  /** A choice among several (shown with a check mark). */
  checked?: boolean;
}
export type MenuEntry = MenuItem | 'separator';

interface Props {
  label: string;
  items: MenuEntry[];
  /** Where to open: a point (context menu) or below an element (a button). */
  at: { x: number; y: number } | HTMLElement;
  onClose(): void;
}

export function Menu({ label, items, at, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [stack, setStack] = useState<{ label: string; items: MenuEntry[] }[]>([]);
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  const current = stack.at(-1) ?? { label, items };
  const opener = useRef<Element | null>(document.activeElement);

  const close = () => {
    onClose();
    if (opener.current instanceof HTMLElement) opener.current.focus();
  };
  const closeRef = useRef(close);
  closeRef.current = close;

  // Keep inside the viewport (a right-click near an edge opens up or left).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    const p = at instanceof HTMLElement ? (({ left, right, bottom }) => ({ x: Math.max(left, right - width), y: bottom + 4 }))(at.getBoundingClientRect()) : at;
    setPos({
      left: Math.max(8, Math.min(p.x, window.innerWidth - width - 8)),
      top: p.y + height > window.innerHeight - 8 ? Math.max(8, p.y - height - (at instanceof HTMLElement ? at.getBoundingClientRect().height + 8 : 0)) : p.y,
    });
  }, [at, stack]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [pos, stack]);

  useEffect(() => {
    // A press on the menu's own button is that button's to handle (it toggles the menu).
    const down = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!ref.current?.contains(t) && !(at instanceof HTMLElement && at.contains(t))) closeRef.current();
    };
    const away = () => closeRef.current();
    document.addEventListener('mousedown', down, true);
    window.addEventListener('resize', away);
    window.addEventListener('blur', away);
    return () => {
      document.removeEventListener('mousedown', down, true);
      window.removeEventListener('resize', away);
      window.removeEventListener('blur', away);
    };
  }, [at]);

  const onKey = (e: KeyboardEvent) => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([aria-disabled="true"])') ?? [])];
    const i = all.indexOf(document.activeElement as HTMLElement);
    const go = (n: number) => all[(n + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape' || (e.key === 'ArrowLeft' && stack.length)) {
      if (stack.length) setStack((s) => s.slice(0, -1));
      else close();
    } else if (e.key === 'Tab') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const choose = (item: MenuItem) => {
    if (item.disabled) return;
    if (item.items) return setStack((s) => [...s, { label: item.label, items: item.items! }]);
    close();
    item.onSelect?.();
  };

  return createPortal(
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={current.label}
      style={pos ?? { left: -9999, top: 0 }}
      onKeyDown={onKey}
      onContextMenu={(e) => e.preventDefault()}
    >
      {stack.length > 0 && (
        <>
          <button type="button" role="menuitem" className="menu-item menu-back" tabIndex={-1} onClick={() => setStack((s) => s.slice(0, -1))}>
            <ChevronLeft size={15} aria-hidden="true" />
            {current.label}
          </button>
          <div className="menu-separator" role="separator" />
        </>
      )}
      {current.items.map((entry, i) =>
        entry === 'separator' ? (
          <div key={i} className="menu-separator" role="separator" />
        ) : (
          <button
            key={i}
            type="button"
            role={entry.checked === undefined ? 'menuitem' : 'menuitemradio'}
            aria-checked={entry.checked}
            aria-disabled={entry.disabled || undefined}
            aria-haspopup={entry.items ? 'menu' : undefined}
            tabIndex={-1}
            className={`menu-item${entry.danger ? ' danger' : ''}${entry.checked ? ' checked' : ''}`}
            onClick={() => choose(entry)}
            onKeyDown={(e) => e.key === 'ArrowRight' && entry.items && (e.preventDefault(), choose(entry))}
          >
            <span className="menu-icon" aria-hidden="true">
              {entry.icon}
            </span>
            <span className="menu-label">{entry.label}</span>
            {entry.items && <ChevronRight size={14} aria-hidden="true" className="menu-more" />}
          </button>
        ),
      )}
    </div>,
    document.body,
  );
}
