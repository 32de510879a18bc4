import { z } from 'zod';
import { IsoDate, ListQuery, listOf } from './common';
import { Direction, MessageType } from './messages';

export const ConversationSchema = z
  .object({
    id: z.uuid(),
    contact: z.object({
      id: z.uuid(),
      name: z.string(),
      phone: z.string().nullable(),
      email: z.string().nullable(),
    }),
    lastMessage: z
      .object({
        id: z.uuid(),
        messageType: MessageType,
        direction: Direction,
        body: z.string().nullable().describe('Preview'),
        createdAt: IsoDate,
      })
      .nullable(),
    lastMessageAt: IsoDate,
    lastInbound: z.object({ messageType: MessageType, createdAt: IsoDate }).nullable(),
    inboundAt: z
      .record(z.string(), z.string())
      .describe("The contact's last inbound message per item type (messaging windows: WhatsApp, Facebook, Instagram)"),
    unreadCount: z.number().int(),
    starred: z.boolean(),
    assignedTo: z.uuid().nullable(),
    state: z.enum(['open', 'closed']),
    channels: z.array(MessageType).describe('Channels the contact has used in this conversation'),
    createdAt: IsoDate,
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof ConversationSchema>;

const Instant = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone, e.g. 2026-03-01T00:00:00Z' });

export const ConversationListQuery = ListQuery.extend({
  status: z
    .enum(['all', 'unread', 'starred', 'recents'])
    .default('all')
    .describe('recents: open conversations; all: open and closed'),
  assignedTo: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
  channel: MessageType.optional().describe('Type of the last message'),
  direction: Direction.optional().describe('Direction of the last message'),
  state: z.enum(['open', 'closed']).optional(),
  dateFrom: Instant.optional().describe('Last message at or after this instant (inclusive)'),
  dateTo: Instant.optional().describe('Last message before this instant (exclusive)'),
  mentions: z.literal('me').optional().describe('Only conversations with an internal comment mentioning the caller'),
  sort: z.enum(['desc', 'asc']).default('desc').describe('By last message time: desc = newest first'),
  cursor: z.string().max(8000).optional().describe('nextCursor of the previous page (it carries the first page’s snapshot)'),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

/**
 * A page of the list. `snapshot` is the real-time position (a WebSocket cursor) the page reflects:
 * pages after the first leave out conversations that moved (new last message) since the first
 * page, so nothing is listed twice or skipped; those moved ones, and any other change since, arrive
 * on `GET /api/v1/ws?since=<snapshot of the first page>`.
 */
export const ConversationPageSchema = listOf(ConversationSchema).extend({
  snapshot: z.string().describe('Event-log position this page reflects (use as ?since= on the WebSocket)'),
});
export type ConversationPage = z.infer<typeof ConversationPageSchema>;

/** Per-tab numbers: tabs Unread, Recents (open), Starred, All. */
export const TabCountsSchema = z.object({
  unread: z.number().int(),
  recents: z.number().int(),
  starred: z.number().int(),
  all: z.number().int(),
});
export type TabCounts = z.infer<typeof TabCountsSchema>;

/**
 * The location's tab counts (for an "only assigned" member: their own), and the same per assignee
 * (a user id, or "unassigned") for the assignee filter. Kept incrementally, never counted per
 * request; the `counts.updated` event carries the same document after every change.
 */
export const ConversationCountsSchema = TabCountsSchema.extend({
  assignees: z.record(z.string(), TabCountsSchema),
}).meta({ id: 'ConversationCounts' });
export type ConversationCounts = z.infer<typeof ConversationCountsSchema>;

export const ConversationPatchSchema = z
  .object({
    starred: z.boolean().optional(),
    read: z.boolean().optional().describe('true marks read, false marks unread'),
    assignedTo: z.uuid().nullable().optional(),
    state: z.enum(['open', 'closed']).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
export type ConversationPatch = z.infer<typeof ConversationPatchSchema>;
