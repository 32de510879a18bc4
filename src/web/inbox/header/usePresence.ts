/**
 * Who else has this conversation open. Announces "viewing" on opening and every 20 s while open,
 * "left" on leaving (also when the tab closes); hears the others' signals (`presence` frames) and
 * forgets anyone not heard of for 75 s. A newcomer is answered at once, so both see each other.
 */
import { useEffect, useMemo, useState } from 'react';
import { getCsrfToken, post } from '../../lib/api';
import { useSession } from '../../lib/session';

const HEARTBEAT_MS = 20_000;
const EXPIRE_MS = 75_000;

export interface Viewer {
  id: string;
  name: string;
}

export function usePresence(conversationId: string): Viewer[] {
  const { realtime, me } = useSession();
  const myId = me.user?.id;
  const [viewers, setViewers] = useState<Map<string, { name: string; until: number }>>(new Map());

  useEffect(() => {
    if (!myId) return;
    setViewers(new Map());
    const path = `/conversations/${conversationId}/presence`;
    const announce = () => {
      void post(path, { viewing: true }).catch(() => undefined);
    };
    const leave = () =>
      void fetch(`/api/v1${path}`, {
        method: 'POST',
        keepalive: true,
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': getCsrfToken() ?? '' },
        body: JSON.stringify({ viewing: false }),
      }).catch(() => undefined);

    const known = new Map<string, { name: string; until: number }>();
    const publish = () => setViewers(new Map(known));
    const off = realtime.onFrame((frame) => {
      if (frame.type === 'ready') return announce(); // (re)connected: say so again
      if (frame.type !== 'presence') return;
      const s = frame.data;
      if (s.conversationId !== conversationId || s.who === myId) return;
      if (!s.viewing) known.delete(s.who);
      else {
        // Someone new: let them know we are here too (they answer nothing more: they know us).
        if (!known.has(s.who)) announce();
        known.set(s.who, { name: s.name, until: Date.now() + EXPIRE_MS });
      }
      publish();
    });
    announce();
    const beat = setInterval(announce, HEARTBEAT_MS);
    const sweep = setInterval(() => {
      const now = Date.now();
      let gone = false;
      for (const [who, v] of known) if (v.until <= now) gone = known.delete(who);
      if (gone) publish();
    }, 5000);
    window.addEventListener('pagehide', leave);
    return () => {
      off();
      clearInterval(beat);
      clearInterval(sweep);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [realtime, conversationId, myId]);

  return useMemo(() => [...viewers].map(([id, v]) => ({ id, name: v.name })), [viewers]);
}
