/**
 * The live connection: one WebSocket per signed-in tab, reconnecting with back-off and resuming
 * from the last cursor (the server replays what was missed); events patch the query cache.
 */
import type { QueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import type { Contact } from '#shared/contacts';
import type { Conversation } from '#shared/conversations';
import type { SocketFrame } from '#shared/events';
import type { Message } from '#shared/messages';
import { applyMentions, removeConversation, upsertContact, upsertConversation, upsertMessage } from './cache';
import { keys } from './queries';

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

type Listener = (frame: SocketFrame) => void;

export class Realtime {
  status: ConnectionStatus = 'connecting';
  private ws?: WebSocket;
  private cursor: string | null = null;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;
  private statusListeners = new Set<() => void>();
  private frameListeners = new Set<Listener>();

  constructor(private readonly qc: QueryClient) {}

  start(): void {
    this.closed = false;
    this.connect();
    window.addEventListener('online', this.retryNow);
  }

  stop(): void {
    this.closed = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.retryNow);
    this.ws?.close();
  }

  onFrame(fn: Listener): () => void {
    this.frameListeners.add(fn);
    return () => this.frameListeners.delete(fn);
  }

  subscribeStatus = (fn: () => void) => {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  };

  private setStatus(s: ConnectionStatus) {
    if (this.status === s) return;
    this.status = s;
    this.statusListeners.forEach((l) => l());
  }

  private retryNow = () => {
    if (this.closed || this.ws?.readyState === WebSocket.OPEN) return;
    clearTimeout(this.timer);
    this.connect();
  };

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const since = this.cursor ? `?since=${encodeURIComponent(this.cursor)}` : '';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/ws${since}`);
    this.ws = ws;
    ws.onmessage = (e) => {
      const frame = JSON.parse(String(e.data)) as SocketFrame;
      if (frame.type === 'typing' || frame.type === 'presence') {
        // Ephemeral (no cursor, nothing cached): only frame listeners (useTyping, usePresence) see it.
        this.frameListeners.forEach((l) => l(frame));
        return;
      }
      this.cursor = frame.cursor;
      if (frame.type === 'ready') {
        this.attempt = 0;
        this.setStatus('live');
      } else if (frame.type === 'resync') {
        // Too much was missed to replay: reload every view.
        void this.qc.invalidateQueries();
      } else {
        this.apply(frame);
      }
      this.frameListeners.forEach((l) => l(frame));
    };
    ws.onclose = (e) => {
      if (this.ws !== ws || this.closed) return;
      if (e.code === 4001) {
        // The session ended (logout elsewhere, location switch): the app re-checks who we are.
        void this.qc.invalidateQueries({ queryKey: ['me'] });
      } else if (e.code === 4002) {
        // Our permissions changed (e.g. "only assigned"): what we may see changed with them.
        void this.qc.invalidateQueries();
      }
      this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
      const delay = Math.min(10_000, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      this.timer = setTimeout(() => this.connect(), delay);
    };
  }

  private apply(frame: SocketFrame & { data?: unknown }): void {
    switch (frame.type) {
      case 'conversation.created':
      case 'conversation.updated':
        upsertConversation(this.qc, frame.data as Conversation, frame.cursor);
        break;
      case 'conversation.deleted':
        removeConversation(this.qc, (frame.data as { id: string }).id, frame.cursor);
        break;
      case 'counts.updated':
        this.qc.setQueryData(keys.counts(), frame.data);
        break;
      case 'message.created':
        upsertMessage(this.qc, frame.data as Message);
        void applyMentions(this.qc, frame.data as Message);
        break;
      case 'message.updated':
        upsertMessage(this.qc, frame.data as Message);
        break;
      case 'contact.created':
      case 'contact.updated':
        upsertContact(this.qc, frame.data as Contact);
        break;
      case 'contact.deleted':
        this.qc.removeQueries({ queryKey: ['contact', (frame.data as { id: string }).id] });
        break;
    }
  }
}

export function useConnectionStatus(rt: Realtime): ConnectionStatus {
  return useSyncExternalStore(rt.subscribeStatus, () => rt.status);
}
