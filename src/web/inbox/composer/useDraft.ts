/**
 * The composer's draft, kept on the server per user and conversation: restored when the
 * conversation opens (on any device), saved ~800 ms after typing stops, when the conversation is
 * left and when the page goes away (reload, tab closed: a keepalive request), deleted when the
 * message is sent. Text typed before the stored draft arrived is saved once it has. Saves and
 * deletes run one after another, so a late save can never bring back a draft that was just sent.
 */
import { useEffect, useRef } from 'react';
import type { Draft } from '#shared/drafts';
import { del, get, getCsrfToken, put } from '../../lib/api';

const SAVE_AFTER_MS = 800;

interface Text {
  body: string;
  subject: string;
}

export function useDraft(conversationId: string, body: string, subject: string, restore: (d: Text) => void): { clear(): void } {
  const loaded = useRef(false);
  const saved = useRef<Text>({ body: '', subject: '' });
  const pending = useRef<Text | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const latest = useRef<Text>({ body, subject });
  latest.current = { body, subject };
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  /** Queues a save of what is typed (unless it is what the server has). */
  const schedule = () => {
    const now = latest.current;
    clearTimeout(timer.current);
    if (now.body === saved.current.body && now.subject === saved.current.subject) {
      pending.current = null;
      return;
    }
    pending.current = now;
    timer.current = setTimeout(flush, SAVE_AFTER_MS);
  };
  const run = (fn: () => Promise<unknown>) => {
    chain.current = chain.current.then(fn).catch(() => undefined); // a draft is best effort
  };
  const flush = () => {
    clearTimeout(timer.current);
    const p = pending.current;
    if (!p) return;
    pending.current = null;
    saved.current = p;
    run(() => put(`/conversations/${conversationId}/draft`, { body: p.body, subject: p.subject || null }));
  };

  useEffect(() => {
    let alive = true;
    get<Draft>(`/conversations/${conversationId}/draft`)
      .then((d) => {
        if (!alive) return;
        const text = { body: d.body, subject: d.subject ?? '' };
        saved.current = text;
        // Whatever was typed before the draft arrived wins.
        if (!latest.current.body && !latest.current.subject && (text.body || text.subject)) restoreRef.current(text);
      })
      .catch(() => undefined)
      .finally(() => {
        if (!alive) return;
        loaded.current = true;
        schedule(); // typed while the draft was on its way
      });
    // The page goes away (reload, tab closed): a request that outlives it saves what is pending.
    const leave = () => {
      const typed = latest.current.body || latest.current.subject ? latest.current : null;
      const p = pending.current ?? (loaded.current ? null : typed);
      if (!p) return;
      pending.current = null;
      void fetch(`/api/v1/conversations/${conversationId}/draft`, {
        method: 'PUT',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': getCsrfToken() ?? '' },
        body: JSON.stringify({ body: p.body, subject: p.subject || null }),
      }).catch(() => undefined);
    };
    window.addEventListener('pagehide', leave);
    return () => {
      alive = false;
      window.removeEventListener('pagehide', leave);
      flush(); // leaving the conversation: save now
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId]);

  useEffect(() => {
    if (loaded.current) schedule();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [body, subject]);

  return {
    clear: () => {
      clearTimeout(timer.current);
      pending.current = null;
      saved.current = { body: '', subject: '' };
      run(() => del(`/conversations/${conversationId}/draft`));
    },
  };
}
