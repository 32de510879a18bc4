/**
 * Merge fields while typing: the text as the contact will get it, and every field that cannot be
 * filled (unknown, or no value for this contact) — asked of the server, debounced. The server
 * refuses such a send anyway; this says so before Send is pressed.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Preview } from '#shared/snippets';
import { post } from '../../lib/api';
import './composer-tools.css';

const HAS_FIELD = /\{\{[^{}]*\}\}/;

export interface MergeState {
  /** The preview of the current text (undefined: no fields, or not known yet). */
  preview?: Preview;
  /** Problems of the text as it is now (stale answers for older text are not counted). */
  problems: Preview['problems'];
}

export function useMergePreview(conversationId: string, body: string, subject: string, enabled: boolean): MergeState {
  const [asked, setAsked] = useState({ body, subject });
  useEffect(() => {
    const t = setTimeout(() => setAsked({ body, subject }), 350);
    return () => clearTimeout(t);
  }, [body, subject]);
  const uses = enabled && (HAS_FIELD.test(asked.body) || HAS_FIELD.test(asked.subject));
  const q = useQuery({
    queryKey: ['merge-preview', conversationId, asked.body, asked.subject],
    queryFn: () => post<Preview>(`/conversations/${conversationId}/preview`, { body: asked.body, ...(asked.subject && { subject: asked.subject }) }),
    enabled: uses,
    staleTime: 15_000,
    placeholderData: keepPreviousData,
  });
  const stillFields = enabled && (HAS_FIELD.test(body) || HAS_FIELD.test(subject));
  if (!uses || !stillFields || !q.data) return { problems: [] };
  const current = asked.body === body && asked.subject === subject && !q.isPlaceholderData;
  return { preview: q.data, problems: current ? q.data.problems : [] };
}

export function MergePreview({ state }: { state: MergeState }) {
  const p = state.preview;
  if (!p) return null;
  if (p.problems.length > 0) {
    return (
      <div className="merge-problems" role="alert">
        <strong>Fix before sending:</strong>
        <ul>
          {p.problems.map((x) => (
            <li key={x.field}>{x.message}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <p className="merge-preview" aria-label="Preview">
      <span className="merge-preview-label">Preview</span>
      {p.subject && <span className="merge-preview-subject">{p.subject} — </span>}
      {p.text}
    </p>
  );
}
