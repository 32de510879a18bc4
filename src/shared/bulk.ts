import { z } from 'zod';

export const BULK_ACTIONS = ['read', 'unread', 'star', 'unstar', 'close', 'reopen', 'assign', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX = 100;

export const BulkRequestSchema = z
  .object({
    ids: z.array(z.uuid()).min(1).max(BULK_MAX).describe(`Conversation ids (at most ${BULK_MAX})`),
    action: z.enum(BULK_ACTIONS).describe('delete is permanent: the conversations and their messages (the contacts stay)'),
    assignedTo: z.uuid().nullable().optional().describe('For assign: the team member, or null to unassign'),
  })
  .refine((b) => b.action !== 'assign' || b.assignedTo !== undefined, {
    message: 'assignedTo is required for assign (null unassigns)',
    path: ['assignedTo'],
  })
  .meta({ id: 'BulkRequest' });
export type BulkRequest = z.infer<typeof BulkRequestSchema>;

export const BulkResultSchema = z
  .object({
    done: z.array(z.uuid()).describe('Conversations the action was applied to (already in that state included)'),
    refused: z.array(z.object({ id: z.uuid(), code: z.string(), message: z.string() })).describe('Conversations left as they were, and why'),
  })
  .meta({ id: 'BulkResult' });
export type BulkResult = z.infer<typeof BulkResultSchema>;
