/**
 * Snippets: search, filter by folder, add, edit, delete. Admins manage the location's shared
 * snippets and their own; every team member their personal ones (the shared ones are listed to read).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { Snippet, SnippetFolder } from '#shared/snippets';
import { del, errorMessage, get } from '../lib/api';
import { useSession } from '../lib/session';
import { Spinner } from '../ui/Spinner';
import { SnippetForm } from './SnippetForm';
import '../inbox/composer/composer-tools.css';
import './snippets.css';

export function SnippetsSettings() {
  const qc = useQueryClient();
  const { isAdmin } = useSession();
  const [q, setQ] = useState('');
  const [folder, setFolder] = useState('');
  const [editing, setEditing] = useState<Snippet | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const params = new URLSearchParams({ limit: '200' });
  if (q.trim()) params.set('q', q.trim());
  if (folder) params.set('folder', folder);
  const list = useQuery({ queryKey: ['snippets', 'settings', q.trim(), folder], queryFn: () => get<{ items: Snippet[] }>(`/snippets?${params}`).then((r) => r.items) });
  const folders = useQuery({ queryKey: ['snippet-folders'], queryFn: () => get<{ items: SnippetFolder[] }>('/snippets/folders').then((r) => r.items) });

  async function remove(s: Snippet) {
    if (!window.confirm(`Delete the snippet “${s.name}”?`)) return;
    setError(null);
    try {
      await del(`/snippets/${s.id}`);
      await qc.invalidateQueries({ queryKey: ['snippets'] });
      await qc.invalidateQueries({ queryKey: ['snippet-folders'] });
    } catch (err) {
      setError(`Could not delete ${s.name}: ${errorMessage(err)}`);
    }
  }

  return (
    <section className="settings-section" aria-labelledby="snippets-title">
      <header className="settings-head">
        <h2 id="snippets-title">Snippets</h2>
        <p className="muted">
          Ready-made replies inserted from the composer. Merge fields such as {'{{contact.first_name}}'} are filled in when sent.{' '}
          {isAdmin ? 'Shared snippets are for the whole team; personal ones only for you.' : 'Add your own personal snippets here; admins manage the ones shared with the team.'}
        </p>
      </header>
      {editing ? (
        <SnippetForm
          key={editing === 'new' ? 'new' : editing.id}
          snippet={editing === 'new' ? null : editing}
          folders={folders.data ?? []}
          canShare={isAdmin}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div className="snippet-toolbar">
          <input type="search" placeholder="Search snippets" aria-label="Search snippets" value={q} onChange={(e) => setQ(e.target.value)} />
          <select aria-label="Folder" value={folder} onChange={(e) => setFolder(e.target.value)}>
            <option value="">All folders</option>
            {(folders.data ?? []).map((f) => (
              <option key={f.name} value={f.name}>
                {f.name} ({f.count})
              </option>
            ))}
          </select>
          <button type="button" className="button primary" onClick={() => setEditing('new')}>
            <Plus size={15} aria-hidden="true" /> {isAdmin ? 'New snippet' : 'New personal snippet'}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {list.isPending ? (
        <Spinner label="Loading snippets" />
      ) : list.isError ? (
        <p className="form-error" role="alert">
          Could not load snippets: {errorMessage(list.error)}
        </p>
      ) : list.data.length === 0 ? (
        <div className="settings-card snippet-empty">
          {q || folder ? 'No snippet matches.' : isAdmin ? 'No snippets yet: add the replies your team writes most.' : 'No snippets yet: add the replies you write most.'}
        </div>
      ) : (
        <ul className="settings-card snippet-table" aria-label="Snippets">
          {list.data.map((s) => (
            <li key={s.id}>
              <div className="snippet-main">
                <span className="snippet-name">
                  {s.name}
                  {s.kind === 'email' && <span className="snippet-tag">E-mail</span>}
                  {s.personal && <span className="snippet-tag personal">Personal</span>}
                  {s.folder && <span className="snippet-folder">{s.folder}</span>}
                </span>
                <span className="snippet-body">{s.subject ? `${s.subject} — ${s.body}` : s.body}</span>
              </div>
              {s.personal || isAdmin ? (
                <>
                  <button type="button" className="button small" onClick={() => setEditing(s)} aria-label={`Edit ${s.name}`}>
                    Edit
                  </button>
                  <button type="button" className="button small danger" onClick={() => void remove(s)} aria-label={`Delete ${s.name}`}>
                    Delete
                  </button>
                </>
              ) : (
                <span className="snippet-shared muted">Shared by the team</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
