/**
 * Typing signals. useTypingPeople: who is typing in the open conversation (the web chat visitor or
 * another team member), from `typing` frames of the live connection; a signal not refreshed
 * within 6 s, or a message from that person, ends it. useTypingSender: the composer's side —
 * "typing" at most every 3 s while the text changes, "stopped" after a send or 5 s idle; a web chat
 * reply is shown to the visitor too (/typing), anything else only to the team (/presence).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Message } from '#shared/messages';
import { post } from '../../lib/api';
import { useSession } from '../../lib/session';

const SHOWN_MS = 6000;
const SEND_EVERY_MS = 3000;
const IDLE_MS = 5000;

export function useTypingPeople(conversationId: string): string[] {
  const { realtime, me } = useSession();
  const myId = me.user?.id;
  const [people, setPeople] = useState<Map<string, string>>(new Map());

  useEffect(() => {
    setPeople(new Map());
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const stop = (who: string) => {
      clearTimeout(timers.get(who));
      timers.delete(who);
      setPeople((p) => {
        if (!p.has(who)) return p;
        const next = new Map(p);
        next.delete(who);
        return next;
      });
    };
    const off = realtime.onFrame((frame) => {
      if (frame.type === 'message.created') {
        const m = frame.data as Message;
        if (m.conversationId === conversationId) stop(m.direction === 'inbound' ? 'visitor' : (m.userId ?? ''));
        return;
      }
      if (frame.type !== 'typing') return;
      const s = frame.data;
      if (s.conversationId !== conversationId || s.who === myId) return;
      if (!s.typing) return stop(s.who);
      clearTimeout(timers.get(s.who));
      timers.set(s.who, setTimeout(() => stop(s.who), SHOWN_MS));
      setPeople((p) => (p.get(s.who) === s.name ? p : new Map(p).set(s.who, s.name)));
    });
    return () => {
      off();
      timers.forEach(clearTimeout);
    };
  }, [realtime, conversationId, myId]);

  return useMemo(() => [...people.values()], [people]);
}

export interface TypingSender {
  /** The text changed. */
  changed(text: string): void;
  /** Sent, or left: tell the others it stopped. */
  stop(): void;
}

export function useTypingSender(conversationId: string, visitorSees: boolean): TypingSender {
  const state = useRef({ sentAt: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const sender = useMemo<TypingSender>(() => {
    const path = `/conversations/${conversationId}/${visitorSees ? 'typing' : 'presence'}`;
    const signal = (typing: boolean) => void post(path, { typing }).catch(() => undefined);
    const stop = () => {
      const s = state.current;
      clearTimeout(s.idle);
      if (!s.sentAt) return;
      s.sentAt = 0;
      signal(false);
    };
    return {
      stop,
      changed(text) {
        if (!text.trim()) return stop();
        const s = state.current;
        const now = Date.now();
        if (now - s.sentAt > SEND_EVERY_MS) {
          s.sentAt = now;
          signal(true);
        }
        clearTimeout(s.idle);
        s.idle = setTimeout(stop, IDLE_MS);
      },
    };
  }, [conversationId, visitorSees]);

  // Switching conversation (or channel, or leaving) ends the signal of the previous one.
  useEffect(() => () => sender.stop(), [sender]);
  return sender;
}
