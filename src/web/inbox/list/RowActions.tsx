/**
 * A row's quick actions: the selection checkbox (in place of the channel icon on hover or focus,
 * and on every row once something is selected) and the hover buttons (read/unread, close/reopen,
 * more actions) in place of the time.
 */
import { Archive, ArchiveRestore, Mail, MailOpen, MoreHorizontal } from 'lucide-react';
import type { MouseEvent } from 'react';
import type { Conversation } from '#shared/conversations';

export interface RowHandlers {
  toggleSelect(id: string, range: boolean): void;
  openMenu(c: Conversation, at: { x: number; y: number } | HTMLElement): void;
  toggleRead(c: Conversation): void;
  toggleClosed(c: Conversation): void;
}

export function RowCheckbox({ c, name, checked, h }: { c: Conversation; name: string; checked: boolean; h: RowHandlers }) {
  return (
    <label className="conv-check" title={checked ? 'Deselect (Shift-click: a range)' : 'Select (Shift-click: a range)'} onClick={(e) => e.stopPropagation()}>
      <input
        type="checkbox"
        checked={checked}
        aria-label={`Select ${name}`}
        onChange={() => undefined}
        onClick={(e) => {
          e.stopPropagation();
          h.toggleSelect(c.id, e.shiftKey);
        }}
      />
    </label>
  );
}

export function RowActions({ c, name, h }: { c: Conversation; name: string; h: RowHandlers }) {
  const unread = c.unreadCount > 0;
  const stop = (fn: () => void) => (e: MouseEvent) => {
    e.stopPropagation();
    fn();
  };
  return (
    <span className="row-actions">
      <button type="button" className="icon-button" title={unread ? 'Mark as read' : 'Mark as unread'} aria-label={`${unread ? 'Mark as read' : 'Mark as unread'}: ${name}`} onClick={stop(() => h.toggleRead(c))}>
        {unread ? <MailOpen size={15} aria-hidden="true" /> : <Mail size={15} aria-hidden="true" />}
      </button>
      <button
        type="button"
        className="icon-button"
        title={c.state === 'open' ? 'Close' : 'Reopen'}
        aria-label={`${c.state === 'open' ? 'Close' : 'Reopen'}: ${name}`}
        onClick={stop(() => h.toggleClosed(c))}
      >
        {c.state === 'open' ? <Archive size={15} aria-hidden="true" /> : <ArchiveRestore size={15} aria-hidden="true" />}
      </button>
      <button
        type="button"
        className="icon-button"
        title="More actions"
        aria-label={`More actions: ${name}`}
        aria-haspopup="menu"
        onClick={(e) => {
          e.stopPropagation();
          h.openMenu(c, e.currentTarget);
        }}
      >
        <MoreHorizontal size={15} aria-hidden="true" />
      </button>
    </span>
  );
}
