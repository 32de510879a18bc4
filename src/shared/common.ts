import { z } from 'zod';

export const Uuid = z.uuid();
export const IdParams = z.object({ id: z.uuid() });
export const IsoDate = z.string().describe('ISO 8601 UTC');

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

/** Every list answers {items, nextCursor}. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const OkSchema = z.object({ ok: z.literal(true) });
