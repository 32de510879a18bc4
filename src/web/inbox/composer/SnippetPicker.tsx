/**
 * "Insert snippet": a searchable list of the location's shared snippets and my personal ones (by
 * folder), the merge fields to insert at the cursor, and a way to Settings → Snippets to add my
 * own. Arrow keys move, Enter inserts, Escape closes.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Braces, FileText } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { MERGE_FIELDS } from '#shared/merge-fields';
import type { Snippet, SnippetFolder } from '#shared/snippets';
import { get } from '../../lib/api';
import { Popover } from '../../ui/Popover';
import { useQuickAction } from '../quick-actions';
import './composer-tools.css';

function useSnippets(q: string, folder: string, enabled: boolean) {
  const [query, setQuery] = useState(q);
  useEffect(() => {
    const t = setTimeout(() => setQuery(q), 150);
    return () => clearTimeout(t);
  }, [q]);
  const params = new URLSearchParams({ limit: '50' });
  if (query.trim()) params.set('q', query.trim());
  if (folder) params.set('folder', folder);
  return useQuery({
    queryKey: ['snippets', query.trim(), folder],
    queryFn: () => get<{ items: Snippet[] }>(`/snippets?${params}`).then((r) => r.items),
    enabled,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}

/** The header's Actions menu → Insert snippet: the composer's reply tab, with the picker open. */
export function useInsertSnippetAction(toReply: () => void) {
  const [openRequested, setRequested] = useState(false);
  useQuickAction('snippet', () => {
    toReply();
    setRequested(true);
  });
  const onOpened = useCallback(() => setRequested(false), []);
  return { openRequested, onOpened };
}

interface Props {
  onInsert(s: Snippet): void;
  onInsertField(field: string): void;
  /** Asked to open (the header's Actions menu → Insert snippet); onOpened acknowledges it. */
  openRequested?: boolean;
  onOpened?(): void;
}

export function SnippetPicker({ onInsert, onInsertField, openRequested, onOpened }: Props) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!openRequested) return;
    setOpen(true);
    onOpened?.();
  }, [openRequested, onOpened]);
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState('');
  const [active, setActive] = useState(0);
  const snippets = useSnippets(q, folder, open);
  const folders = useQuery({
    queryKey: ['snippet-folders'],
    queryFn: () => get<{ items: SnippetFolder[] }>('/snippets/folders').then((r) => r.items),
    enabled: open,
    staleTime: 60_000,
  });
  const items = snippets.data ?? [];
  useEffect(() => setActive(0), [q, folder]);

  const close = () => setOpen(false);
  const pick = (s: Snippet | undefined) => {
    if (!s) return;
    onInsert(s);
    setOpen(false);
  };

  return (
    <Popover
      open={open}
      onClose={close}
      label="Snippets"
      className="snippet-popover"
      button={
        <button type="button" className="icon-button" aria-label="Insert snippet" title="Insert snippet" aria-expanded={open} onClick={() => setOpen(!open)}>
          <FileText size={16} aria-hidden="true" />
        </button>
      }
    >
      <div className="snippet-search">
        <input
          type="search"
          autoFocus
          placeholder="Search snippets"
          aria-label="Search snippets"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((i) => Math.min(items.length - 1, i + 1));
            else if (e.key === 'ArrowUp') setActive((i) => Math.max(0, i - 1));
            else if (e.key === 'Enter') pick(items[active]);
            else return;
            e.preventDefault();
          }}
        />
        {(folders.data?.length ?? 0) > 0 && (
          <select aria-label="Folder" value={folder} onChange={(e) => setFolder(e.target.value)}>
            <option value="">All folders</option>
            {folders.data!.map((f) => (
              <option key={f.name} value={f.name}>
                {f.name} ({f.count})
              </option>
            ))}
          </select>
        )}
      </div>
      <ul className="snippet-list" role="listbox" aria-label="Snippets">
        {items.map((s, i) => (
          <li
            key={s.id}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : ''}
            onMouseEnter={() => setActive(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(s)}
          >
            <span className="snippet-name">
              {s.name}
              {s.kind === 'email' && <span className="snippet-tag">E-mail</span>}
              {s.personal && <span className="snippet-tag personal">Personal</span>}
              {s.folder && <span className="snippet-folder">{s.folder}</span>}
            </span>
            <span className="snippet-body">{s.subject ? `${s.subject} — ${s.body}` : s.body}</span>
          </li>
        ))}
        {snippets.isSuccess && items.length === 0 && (
          <li className="snippet-empty" role="presentation">
            {q || folder ? 'No snippet matches.' : 'No snippets yet: add your own with “Manage snippets” below.'}
          </li>
        )}
        {snippets.isError && <li className="snippet-empty" role="presentation">Could not load snippets.</li>}
      </ul>
      <Link href="/settings/snippets" className="link-button snippet-manage" onClick={close}>
        Manage snippets
      </Link>
      <div className="merge-fields" aria-label="Merge fields">
        <span className="merge-fields-title">
          <Braces size={12} aria-hidden="true" /> Insert a field (filled in when sent)
        </span>
        <div className="merge-field-chips">
          {MERGE_FIELDS.map((f) => (
            <button
              key={f.field}
              type="button"
              className="field-chip"
              title={`{{${f.field}}}`}
              onClick={() => {
                onInsertField(`{{${f.field}}}`);
                setOpen(false);
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
      </div>
    </Popover>
  );
}
