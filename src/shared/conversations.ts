import { z } from 'zod';
import { IsoDate, ListQuery } from './common';
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
    unreadCount: z.number().int(),
    starred: z.boolean(),
    assignedTo: z.uuid().nullable(),
    state: z.enum(['open', 'closed']),
    channels: z.array(MessageType).describe('Channels the contact has used in this conversation'),
    createdAt: IsoDate,
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListQuery = ListQuery.extend({
  status: z
    .enum(['all', 'unread', 'starred', 'recents'])
    .default('all')
    .describe('recents: open conversations; all: open and closed'),
  assignedTo: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
  channel: MessageType.optional().describe('Type of the last message'),
  direction: Direction.optional().describe('Direction of the last message'),
  state: z.enum(['open', 'closed']).optional(),
  sort: z.enum(['desc', 'asc']).default('desc'),
});
export type ConversationListQuery = z.infer<typeof ConversationListQuery>;

export const ConversationPatchSchema = z
  .object({
    starred: z.boolean().optional(),
    read: z.boolean().optional().describe('true marks read, false marks unread'),
    assignedTo: z.uuid().nullable().optional(),
    state: z.enum(['open', 'closed']).optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
export type ConversationPatch = z.infer<typeof ConversationPatchSchema>;
