/**
 * Search (GET /api/v1/search): contacts by name, e-mail and phone in any format, and message text
 * ranked and highlighted. Highlights are plain-text segments, never HTML: a client renders `text`
 * as text and wraps the segments with `match: true` in <mark>.
 */
import { z } from 'zod';
import { IsoDate } from './common';
import { ContactSchema } from './contacts';
import { Direction, MessageType } from './messages';

export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(200).describe('Words, parts of words, an e-mail or a phone number in any format'),
  type: z.enum(['all', 'contacts', 'messages']).default('all'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Per section'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

export const SegmentSchema = z.object({ text: z.string(), match: z.boolean() }).meta({ id: 'SearchSegment' });
export type Segment = z.infer<typeof SegmentSchema>;
const Segments = z.array(SegmentSchema);

export const ContactHitSchema = z
  .object({
    contact: ContactSchema,
    conversationId: z.uuid().nullable().describe('null: no conversation yet (POST /api/v1/conversations starts one)'),
    highlight: z.object({
      name: Segments,
      email: Segments.nullable(),
      phone: Segments.nullable().describe('The E.164 number, with the digits the query matched marked'),
    }),
  })
  .meta({ id: 'ContactHit' });
export type ContactHit = z.infer<typeof ContactHitSchema>;

export const MessageHitSchema = z
  .object({
    message: z.object({
      id: z.uuid(),
      conversationId: z.uuid(),
      contactId: z.uuid(),
      messageType: MessageType,
      direction: Direction,
      createdAt: IsoDate,
    }),
    contact: z.object({ id: z.uuid(), name: z.string() }),
    snippet: Segments.describe('An excerpt of the text around the matches; "…" where it was cut'),
    rank: z.number().describe('Higher is better: exact phrase, then whole words close together, then partial words'),
  })
  .meta({ id: 'MessageHit' });
export type MessageHit = z.infer<typeof MessageHitSchema>;

export const SearchResultSchema = z
  .object({ contacts: z.array(ContactHitSchema), messages: z.array(MessageHitSchema) })
  .meta({ id: 'SearchResult' });
export type SearchResult = z.infer<typeof SearchResultSchema>;
