import { z } from 'zod';
import { IsoDate } from './common';

export const NOTIFICATION_KINDS = ['inbound', 'assignment', 'mention', 'call'] as const;
export const NotificationKind = z.enum(NOTIFICATION_KINDS);
export type NotificationKind = z.infer<typeof NotificationKind>;

export const NotificationSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid().describe('The recipient'),
    kind: NotificationKind.describe(
      'inbound: a new message on a conversation assigned to you; assignment: a conversation was assigned to you; mention: you were mentioned in an internal comment; ' +
        'call: a missed call or a voicemail on a conversation assigned to you',
    ),
    conversationId: z.uuid(),
    messageId: z.uuid().nullable(),
    contactName: z.string(),
    actor: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('Who assigned or mentioned (null: an API key, or the contact)'),
    body: z.string().nullable().describe('Preview of the message or comment'),
    count: z.number().int().describe('Inbound messages (or missed calls) this notification stands for (they coalesce while unread)'),
    createdAt: IsoDate,
    readAt: IsoDate.nullable(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof NotificationSchema>;

export const NotificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('true: unread ones only'),
});

export const NotificationPageSchema = z.object({
  items: z.array(NotificationSchema),
  nextCursor: z.string().nullable(),
  unreadCount: z.number().int().describe('Unread notifications (counted up to 100: more shows as 100)'),
});

export const UnreadCountSchema = z.object({ unreadCount: z.number().int() });

export const NotificationSettingsSchema = z
  .object({
    inbound: z.boolean().describe('New inbound messages on conversations assigned to me'),
    assignment: z.boolean().describe('A conversation assigned to me'),
    mention: z.boolean().describe('A mention of me in an internal comment'),
    call: z.boolean().describe('Missed calls and voicemails on conversations assigned to me'),
    browser: z.boolean().describe('Also show browser (system) notifications; the browser asks for permission'),
  })
  .meta({ id: 'NotificationSettings' });
export type NotificationSettings = z.infer<typeof NotificationSettingsSchema>;

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = { inbound: true, assignment: true, mention: true, call: true, browser: false };

export const NotificationSettingsPatchSchema = NotificationSettingsSchema.partial().refine(
  (p) => Object.values(p).some((v) => v !== undefined),
  { message: 'nothing to change' },
);

/** What `notification.read` events carry: the ids read (null: all of the user's). */
export interface NotificationReadEvent {
  userId: string;
  ids: string[] | null;
  readAt: string;
}
