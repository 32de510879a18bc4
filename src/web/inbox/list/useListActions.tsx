/**
 * Quick and bulk actions of the Message Panel: the selection (checkbox, Shift-click ranges,
 * Ctrl/Cmd-click, select all on the page; at most 100), the row menu, delete (admins) with a confirmation,
 * and the bar that runs an action on the selection and reports what was done and refused.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation } from 'wouter';
import type { BulkAction } from '#shared/bulk';
import type { Conversation } from '#shared/conversations';
import type { TeamMember } from '#shared/team';
import { useConversationActions } from '../../lib/actions';
import { del, errorMessage } from '../../lib/api';
import { removeConversation } from '../../lib/cache';
import { contactLabel } from '../../lib/format';
import { useSession } from '../../lib/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Menu } from '../../ui/Menu';
import { BulkBar } from './BulkBar';
import { bulkSummary, runBulk } from './bulk';
import type { RowHandlers } from './RowActions';
import { rowMenu } from './RowMenu';
import './row-actions.css';

/** The API's limit for one bulk action (BULK_MAX in #shared/bulk, which the web app must not import: zod). */
const BULK_MAX = 100;

interface Options {
  items: Conversation[];
  team: TeamMember[];
  selectedId?: string;
  /** Changes of tab or search start a new selection. */
  scope: string;
}

export function useListActions({ items, team, selectedId, scope }: Options) {
  const qc = useQueryClient();
  const actions = useConversationActions();
  // Deleting a conversation is an admin's action (the API refuses it to team members).
  const { isAdmin } = useSession();
  const [, navigate] = useLocation();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const [menu, setMenu] = useState<{ c: Conversation; at: { x: number; y: number } | HTMLElement } | null>(null);
  const [deleting, setDeleting] = useState<{ ids: string[]; name?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ text: string; error?: boolean } | null>(null);
  const anchor = useRef<string | null>(null);
  const latest = useRef({ items, selectedId });
  latest.current = { items, selectedId };

  useEffect(() => setSelected(new Set()), [scope]);
  // Rows that left the list (closed elsewhere, deleted…) leave the selection.
  useEffect(() => {
    setSelected((s) => {
      if (s.size === 0) return s;
      const present = new Set(items.map((c) => c.id));
      const kept = [...s].filter((id) => present.has(id));
      return kept.length === s.size ? s : new Set(kept);
    });
  }, [items]);
  useEffect(() => {
    if (!notice || notice.error) return;
    const t = setTimeout(() => setNotice(null), 8000);
    return () => clearTimeout(t);
  }, [notice]);
  useEffect(() => {
    if (selected.size === 0) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.querySelector('dialog[open], [role="menu"]') && setSelected(new Set());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected.size]);

  const fail = (e: unknown) => setNotice({ text: errorMessage(e), error: true });
  const capped = (ids: string[]) => {
    if (ids.length > BULK_MAX) setNotice({ text: `You can select up to ${BULK_MAX} conversations at once: the first ${BULK_MAX} are selected.` });
    return new Set(ids.slice(0, BULK_MAX));
  };

  const handlers = useMemo(() => {
    const h = {
      toggleSelect(id: string, range: boolean) {
        const list = latest.current.items.map((c) => c.id);
        const from = anchor.current ? list.indexOf(anchor.current) : -1;
        const to = list.indexOf(id);
        anchor.current = id;
        setSelected((prev) => {
          if (range && from >= 0 && to >= 0) {
            const [a, b] = from < to ? [from, to] : [to, from];
            return capped([...prev, ...list.slice(a, b + 1).filter((x) => !prev.has(x))]);
          }
          const next = new Set(prev);
          if (!next.delete(id)) next.add(id);
          return capped([...next]);
        });
      },
      openMenu: (c: Conversation, at: { x: number; y: number } | HTMLElement) => setMenu({ c, at }),
      toggleRead: (c: Conversation) => void actions.toggleRead(c).catch(fail),
      toggleStar: (c: Conversation) => void actions.toggleStar(c).catch(fail),
      toggleClosed: (c: Conversation) => void actions.toggleClosed(c).catch(fail),
      assign: (c: Conversation, userId: string | null) => void actions.assign(c, userId).catch(fail),
      askDelete: (c: Conversation) => setDeleting({ ids: [c.id], name: contactLabel(c.contact) }),
    };
    return h satisfies RowHandlers;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actions]);

  async function run(action: BulkAction, assignedTo: string | null = null) {
    if (action === 'delete') return setDeleting({ ids: [...selected] });
    setBusy(true);
    setNotice(null);
    try {
      const ids = [...selected];
      const result = await runBulk(qc, ids, action, assignedTo);
      const who = assignedTo ? (team.find((m) => m.id === assignedTo)?.name ?? 'a team member') : null;
      setNotice({ text: bulkSummary(result, action, who), error: result.refused.length > 0 });
      setSelected(new Set());
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete(ids: string[]) {
    setBusy(true);
    try {
      if (ids.length === 1 && !selected.has(ids[0])) {
        await del(`/conversations/${ids[0]}`);
        removeConversation(qc, ids[0]);
        setNotice({ text: 'Conversation deleted.' });
      } else {
        const result = await runBulk(qc, ids, 'delete');
        setNotice({ text: bulkSummary(result, 'delete', null), error: result.refused.length > 0 });
        setSelected(new Set());
      }
      if (latest.current.selectedId && ids.includes(latest.current.selectedId)) navigate('/');
      setDeleting(null);
    } catch (e) {
      setDeleting(null);
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  const bar =
    selected.size > 0 ? (
      <BulkBar
        count={selected.size}
        available={items.length}
        busy={busy}
        team={team}
        canDelete={isAdmin}
        onSelectAll={() => setSelected(capped(items.map((c) => c.id)))}
        onClear={() => setSelected(new Set())}
        onAction={(a, to) => void run(a, to ?? null)}
      />
    ) : notice ? (
      <p className={`bulk-notice${notice.error ? ' error' : ''}`} role={notice.error ? 'alert' : 'status'}>
        <span>{notice.text}</span>
        <button type="button" className="link-button" onClick={() => setNotice(null)}>
          Dismiss
        </button>
      </p>
    ) : null;

  const count = deleting?.ids.length ?? 0;
  const overlays = (
    <>
      {menu && (
        <Menu
          label={`Actions for ${contactLabel(menu.c.contact)}`}
          at={menu.at}
          items={rowMenu(menu.c, team, selected.has(menu.c.id), handlers, isAdmin)}
          onClose={() => setMenu(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={count === 1 ? `Delete the conversation${deleting.name ? ` with ${deleting.name}` : ''}?` : `Delete ${count} conversations?`}
          confirmLabel="Delete permanently"
          danger
          busy={busy}
          onConfirm={() => void confirmDelete(deleting.ids)}
          onCancel={() => setDeleting(null)}
        >
          <p>
            {count === 1 ? 'Its messages, calls, comments and activity' : 'Their messages, calls, comments and activity'} are deleted for
            everyone. The {count === 1 ? 'contact is' : 'contacts are'} kept.
          </p>
          <p>
            <strong>This is permanent: it cannot be undone.</strong>
          </p>
        </ConfirmDialog>
      )}
    </>
  );

  return { selected, handlers, bar, overlays };
}
