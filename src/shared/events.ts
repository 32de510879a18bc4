/** Real-time events sent on GET /api/v1/ws. `cursor` is opaque; reconnect with ?since=<cursor>. */
export const EVENT_TYPES = [
  'message.created',
  'message.updated',
  'conversation.created',
  'conversation.updated',
  'conversation.deleted',
  'contact.created',
  'contact.updated',
  'contact.deleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface ServerEvent<T = unknown> {
  type: EventType;
  data: T;
  cursor: string;
}

/**
 * Control frames: `ready` once the socket is live (after any replay), with the cursor to resume
 * from; `resync` when the requested cursor is too old (the client should reload its views).
 */
export interface ControlFrame {
  type: 'ready' | 'resync';
  cursor: string;
}

export type SocketFrame = ServerEvent | ControlFrame;
