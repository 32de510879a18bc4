/**
 * Above the list while rows are selected: how many, select all on the page (up to 100), and the
 * bulk actions; afterwards, what was done and what was refused.
 */
import { Archive, ArchiveRestore, Mail, MailOpen, Star, StarOff, Trash2, UserRound, X } from 'lucide-react';
import { useState } from 'react';
import type { BulkAction } from '#shared/bulk';
import type { TeamMember } from '#shared/team';
import { Menu } from '../../ui/Menu';

interface Props {
  count: number;
  /** Rows loaded in the list (what "select all" can take, up to 100). */
  available: number;
  busy: boolean;
  team: TeamMember[];
  /** Delete is an admin's action. */
  canDelete: boolean;
  onSelectAll(): void;
  onClear(): void;
  onAction(action: BulkAction, assignedTo?: string | null): void;
}

const ACTIONS: { action: BulkAction; label: string; Icon: typeof Mail }[] = [
  { action: 'read', label: 'Mark as read', Icon: MailOpen },
  { action: 'unread', label: 'Mark as unread', Icon: Mail },
  { action: 'star', label: 'Star', Icon: Star },
  { action: 'unstar', label: 'Unstar', Icon: StarOff },
  { action: 'close', label: 'Close', Icon: Archive },
  { action: 'reopen', label: 'Reopen', Icon: ArchiveRestore },
];

export function BulkBar({ count, available, busy, team, canDelete, onSelectAll, onClear, onAction }: Props) {
  const [assignAt, setAssignAt] = useState<HTMLElement | null>(null);
  const all = count >= Math.min(available, 100);
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Bulk actions" aria-busy={busy}>
      <div className="bulk-line">
        <label className="bulk-all" title={all ? 'Deselect all' : 'Select all on this page (up to 100)'}>
          <input
            type="checkbox"
            checked={all}
            ref={(el) => {
              if (el) el.indeterminate = !all && count > 0;
            }}
            onChange={() => (all ? onClear() : onSelectAll())}
            aria-label={all ? 'Deselect all' : 'Select all on page'}
          />
        </label>
        <span className="bulk-count" aria-live="polite">
          {count} selected
        </span>
        {!all && (
          <button type="button" className="link-button bulk-select-all" onClick={onSelectAll}>
            Select all {Math.min(available, 100)}
          </button>
        )}
        <button type="button" className="icon-button bulk-clear" aria-label="Clear selection" title="Clear selection (Esc)" onClick={onClear}>
          <X size={15} aria-hidden="true" />
        </button>
      </div>
      <div className="bulk-line bulk-actions">
        {ACTIONS.map(({ action, label, Icon }) => (
          <button key={action} type="button" className="icon-button" title={label} aria-label={label} disabled={busy} onClick={() => onAction(action)}>
            <Icon size={16} aria-hidden="true" />
          </button>
        ))}
        <button
          type="button"
          className="icon-button"
          title="Assign to…"
          aria-label="Assign to…"
          aria-haspopup="menu"
          disabled={busy}
          onClick={(e) => setAssignAt(e.currentTarget)}
        >
          <UserRound size={16} aria-hidden="true" />
        </button>
        {canDelete && (
          <button type="button" className="icon-button bulk-delete" title="Delete…" aria-label="Delete…" disabled={busy} onClick={() => onAction('delete')}>
            <Trash2 size={16} aria-hidden="true" />
          </button>
        )}
      </div>
      {assignAt && (
        <Menu
          label="Assign to"
          at={assignAt}
          onClose={() => setAssignAt(null)}
          items={[
            { label: 'Unassigned', onSelect: () => onAction('assign', null) },
            ...team.map((m) => ({ label: m.name, onSelect: () => onAction('assign', m.id) })),
          ]}
        />
      )}
    </div>
  );
}
