import { z } from 'zod';
import { IsoDate } from './common';

export const MESSAGE_TYPES = [
  'TYPE_SMS',
  'TYPE_CALL',
  'TYPE_EMAIL',
  'TYPE_FACEBOOK',
  'TYPE_INSTAGRAM',
  'TYPE_INSTAGRAM_COMMENT',
  'TYPE_WHATSAPP',
  'TYPE_REVIEW',
  'TYPE_LIVE_CHAT',
  'TYPE_INTERNAL_COMMENT',
  'TYPE_ACTIVITY_OPPORTUNITY',
  'TYPE_ACTIVITY_APPOINTMENT',
  'TYPE_ACTIVITY_CONTACT',
  'TYPE_ACTIVITY_INVOICE',
  'TYPE_ACTIVITY_PAYMENT',
] as const;
export const MessageType = z.enum(MESSAGE_TYPES);
export type MessageType = z.infer<typeof MessageType>;

/** Items that are conversation with the contact (they move the conversation and its preview). */
export const CHANNEL_MESSAGE_TYPES: readonly MessageType[] = [
  'TYPE_SMS',
  'TYPE_CALL',
  'TYPE_EMAIL',
  'TYPE_FACEBOOK',
  'TYPE_INSTAGRAM',
  'TYPE_INSTAGRAM_COMMENT',
  'TYPE_WHATSAPP',
  'TYPE_REVIEW',
  'TYPE_LIVE_CHAT',
];

/** Send-side channel names (POST …/messages {type}). */
export const SEND_TYPES = ['SMS', 'Email', 'WhatsApp', 'FB', 'IG', 'Live_Chat', 'GMB'] as const;
export type SendType = (typeof SEND_TYPES)[number];

export const Direction = z.enum(['inbound', 'outbound']);
export type Direction = z.infer<typeof Direction>;

export const MESSAGE_STATUSES = [
  'pending',
  'scheduled',
  'queued',
  'sent',
  'delivered',
  'read',
  'failed',
  'undelivered',
  'opt_out',
  'received',
  // calls
  'completed',
  'answered',
  'busy',
  'no-answer',
  'canceled',
  'voicemail',
] as const;
export const MessageStatus = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const AttachmentSchema = z
  .object({
    id: z.uuid(),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    url: z.string(),
  })
  .meta({ id: 'Attachment' });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    contactId: z.uuid(),
    messageType: MessageType,
    direction: Direction,
    status: MessageStatus,
    body: z.string().nullable(),
    channel: z.record(z.string(), z.unknown()).describe('Channel details: from/to, subject, cc, bcc… (typed per kind: #shared/message-payloads)'),
    channelId: z.uuid().nullable().describe('The connection (GET /channels) it went through, when it used one'),
    attachments: z.array(AttachmentSchema),
    userId: z.uuid().nullable().describe('Team member who sent it (outbound)'),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
    meta: z.record(z.string(), z.unknown()).describe('Call duration/recording, activity details, mentions…'),
    scheduledAt: IsoDate.nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof MessageSchema>;

/** A note of the team (an internal comment): never sent to the contact. */
export const NoteCreateSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1)
    .max(10_000)
    .describe('Mention team members as @[Name](userId); they are listed in meta.mentions'),
});

/** The API's earlier name for a note. */
export const CommentCreateSchema = NoteCreateSchema;

export { MENTION_RE, parseMentions } from './mentions';

const ScheduledAt = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$/, 'must be an ISO date-time, e.g. 2025-03-01T10:00');
const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known time zone');

export const SendMessageSchema = z.object({
  type: z.enum(SEND_TYPES),
  body: z.string().max(10_000).optional().describe('Text; for Email the plain-text part'),
  subject: z.string().trim().max(300).optional(),
  html: z.string().max(200_000).optional(),
  cc: z.array(z.email()).max(20).optional(),
  bcc: z.array(z.email()).max(20).optional(),
  fromNumber: z.string().max(40).optional(),
  toNumber: z.string().max(40).optional(),
  attachments: z.array(z.uuid()).max(10).optional().describe('Ids from POST /api/v1/attachments'),
  scheduledAt: ScheduledAt.optional().describe(
    'Send later: an instant (2025-03-01T15:00:00Z, or with an offset) or a wall-clock time (2025-03-01T10:00) in `timezone`. ' +
      'The message is stored with status scheduled and sent at that time.',
  ),
  timezone: TimeZone.optional().describe("IANA time zone of a wall-clock scheduledAt (default: the location's)"),
});
export type SendMessage = z.infer<typeof SendMessageSchema>;

/** Editing a scheduled message (only while its status is scheduled). */
export const ScheduledPatchSchema = z.object({
  body: z.string().max(10_000).optional(),
  subject: z.string().trim().max(300).optional(),
  scheduledAt: ScheduledAt.optional(),
  timezone: TimeZone.optional(),
});
export type ScheduledPatch = z.infer<typeof ScheduledPatchSchema>;
