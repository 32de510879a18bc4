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
  'opportunity.created',
  'opportunity.updated',
  'opportunity.deleted',
  'invoice.created',
  'invoice.updated',
  'appointment.created',
  'appointment.updated',
  'appointment.deleted',
  'counts.updated',
  'notification.created',
  'notification.read',
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

/**
 * Someone is (or stopped) typing in a conversation of the location: a team member (`who` is their
 * user id) or the web chat visitor (`who` is 'visitor'). Ephemeral: no cursor, never replayed.
 */
export interface TypingFrame {
  type: 'typing';
  data: { locationId: string; conversationId: string; who: string; name: string; typing: boolean };
  cursor?: undefined;
}

/**
 * A team member opened (viewing: true, repeated every ~20 s while open) or left a conversation.
 * Ephemeral like typing; a signal not repeated within a minute has ended.
 */
export interface PresenceFrame {
  type: 'presence';
  data: { locationId: string; conversationId: string; who: string; name: string; viewing: boolean };
  cursor?: undefined;
}

export type SocketFrame = ServerEvent | ControlFrame | TypingFrame | PresenceFrame;
