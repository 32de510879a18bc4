import { z } from 'zod';
import { IsoDate } from './common';

/** The composer's unsent text of one team member in one conversation. updatedAt null: no draft. */
export const DraftSchema = z
  .object({
    conversationId: z.uuid(),
    body: z.string(),
    subject: z.string().nullable(),
    updatedAt: IsoDate.nullable(),
  })
  .meta({ id: 'Draft' });
export type Draft = z.infer<typeof DraftSchema>;

export const DraftPutSchema = z.object({
  body: z.string().max(10_000),
  subject: z.string().max(300).nullable().optional(),
});
export type DraftPut = z.infer<typeof DraftPutSchema>;
