/**
 * Creating or editing a snippet: name, kind, folder, subject (e-mail), body with merge fields, and
 * (new ones) who uses it: admins may share it with the team, everyone may keep it personal.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { MERGE_FIELDS } from '#shared/merge-fields';
import type { Snippet, SnippetFolder, SnippetKind } from '#shared/snippets';
import { errorMessage, patch, post } from '../lib/api';
import { useCaretAfter } from '../lib/useCaretAfter';
import { fieldErrors } from '../lib/field-errors';
import { Field } from './Field';

interface Props {
  snippet: Snippet | null;
  folders: SnippetFolder[];
  /** May the new snippet be shared with the team (admins)? Otherwise it is personal. */
  canShare: boolean;
  onDone(): void;
}

export function SnippetForm({ snippet, folders, canShare, onDone }: Props) {
  const qc = useQueryClient();
  const [name, setName] = useState(snippet?.name ?? '');
  const [kind, setKind] = useState<SnippetKind>(snippet?.kind ?? 'text');
  const [folder, setFolder] = useState(snippet?.folder ?? '');
  const [subject, setSubject] = useState(snippet?.subject ?? '');
  const [body, setBody] = useState(snippet?.body ?? '');
  const [personal, setPersonal] = useState(snippet?.personal ?? !canShare);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const placeCaret = useCaretAfter(bodyRef, body);
  const fields = fieldErrors(error);

  function insertField(field: string) {
    const el = bodyRef.current;
    const at = el?.selectionStart ?? body.length;
    const end = el?.selectionEnd ?? body.length;
    const token = `{{${field}}}`;
    setBody(body.slice(0, at) + token + body.slice(end));
    placeCaret(at + token.length);
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input = { name: name.trim(), kind, folder: folder.trim() || null, subject: kind === 'email' ? subject.trim() || null : null, body };
    try {
      await (snippet ? patch(`/snippets/${snippet.id}`, input) : post('/snippets', { ...input, personal }));
      await qc.invalidateQueries({ queryKey: ['snippets'] });
      await qc.invalidateQueries({ queryKey: ['snippet-folders'] });
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="settings-card settings-form snippet-form" onSubmit={submit} aria-label={snippet ? `Edit ${snippet.name}` : 'New snippet'}>
      <div className="settings-row">
        <Field label="Name" error={fields.name}>
          {(p) => <input {...p} type="text" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Folder" error={fields.folder} hint="Optional: group snippets, e.g. Aftercare.">
          {(p) => (
            <>
              <input {...p} type="text" maxLength={60} list="snippet-folders" value={folder} onChange={(e) => setFolder(e.target.value)} />
              <datalist id="snippet-folders">
                {folders.map((f) => (
                  <option key={f.name} value={f.name} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <div className="settings-row">
        <Field label="Kind">
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as SnippetKind)}>
              <option value="text">Text (any channel)</option>
              <option value="email">E-mail (with a subject)</option>
            </select>
          )}
        </Field>
        <Field label="Used by" hint={snippet ? 'Fixed when the snippet was added.' : canShare ? undefined : 'Only admins share snippets with the team.'}>
          {(p) => (
            <select {...p} value={personal ? 'me' : 'team'} disabled={!!snippet || !canShare} onChange={(e) => setPersonal(e.target.value === 'me')}>
              <option value="team">The whole team</option>
              <option value="me">Only me (personal)</option>
            </select>
          )}
        </Field>
      </div>
      {kind === 'email' && (
        <Field label="Subject" error={fields.subject}>
          {(p) => <input {...p} type="text" maxLength={300} value={subject} onChange={(e) => setSubject(e.target.value)} />}
        </Field>
      )}
      <Field label="Text" error={fields.body} hint="Merge fields are filled in for each contact when the message is sent.">
        {(p) => <textarea {...p} ref={bodyRef} required rows={5} maxLength={10_000} value={body} onChange={(e) => setBody(e.target.value)} />}
      </Field>
      <div className="merge-field-chips" aria-label="Insert a merge field">
        {MERGE_FIELDS.map((f) => (
          <button key={f.field} type="button" className="field-chip" title={`{{${f.field}}}`} onClick={() => insertField(f.field)}>
            {f.label}
          </button>
        ))}
      </div>
      {error != null && Object.keys(fields).length === 0 && (
        <p className="form-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
      <div className="settings-actions">
        <button type="button" className="button" onClick={onDone} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={busy || !name.trim() || !body.trim()}>
          {busy ? 'Saving…' : snippet ? 'Save snippet' : 'Add snippet'}
        </button>
      </div>
    </form>
  );
}
