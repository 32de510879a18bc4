/**
 * The web chat contract: the widget's public API (/widget/v1/{locationId}/…) and the admin
 * settings (/api/v1/webchat/settings). The widget imports only the types (no zod in its bundle).
 */
import { z } from 'zod';

export const WEBCHAT_DEFAULTS = { greeting: 'Hi! How can we help you today?', color: '#0f766e' } as const;

/** "https://clinic.example" (no path); a trailing slash is forgiven, the rest is refused. */
export const OriginSchema = z
  .string()
  .trim()
  .max(200)
  .refine((s) => {
    try {
      const u = new URL(s);
      const bare = u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password && !s.endsWith('?') && !s.endsWith('#');
      return (u.protocol === 'https:' || u.protocol === 'http:') && bare;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://clinic.example (scheme and host, no path)')
  .transform((s) => new URL(s).origin);

export const HexColor = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #0f766e')
  .transform((s) => s.toLowerCase());

export const WebchatSettingsInputSchema = z.object({
  allowedOrigins: z.array(OriginSchema).max(20).describe('Sites that may embed the widget, e.g. https://clinic.example'),
  greeting: z.string().trim().max(300).optional(),
  color: HexColor.optional(),
});
export type WebchatSettingsInput = z.infer<typeof WebchatSettingsInputSchema>;

export const WebchatSettingsSchema = z
  .object({
    allowedOrigins: z.array(z.string()),
    greeting: z.string(),
    color: z.string(),
    widgetUrl: z.string(),
    embedSnippet: z.string().describe('Paste before </body> on every page of the clinic’s site'),
  })
  .meta({ id: 'WebchatSettings' });
export type WebchatSettings = z.infer<typeof WebchatSettingsSchema>;

// ---- the widget's API ----

export const WidgetConfigSchema = z.object({
  locationName: z.string(),
  greeting: z.string(),
  color: z.string(),
  online: z.boolean(),
  maxUploadBytes: z.number().int().describe('Largest file a visitor may attach (images and PDFs)'),
});
export type WidgetConfig = z.infer<typeof WidgetConfigSchema>;

export const VisitorCreatedSchema = z.object({
  visitorToken: z.string().describe('Send as Authorization: Bearer <token> (or ?token= on the WebSocket); shown once'),
  visitorId: z.uuid(),
});
export type VisitorCreated = z.infer<typeof VisitorCreatedSchema>;

export const WidgetAttachmentSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  url: z.string().describe('Path on the app: GET it with the visitor token (Authorization: Bearer …)'),
});
export type WidgetAttachment = z.infer<typeof WidgetAttachmentSchema>;

export const WidgetMessageSchema = z.object({
  id: z.uuid(),
  direction: z.enum(['inbound', 'outbound']).describe('inbound: from the visitor'),
  body: z.string().nullable(),
  attachments: z.array(WidgetAttachmentSchema),
  createdAt: z.string(),
  agent: z.object({ name: z.string() }).nullable().describe('The team member who replied'),
  clientId: z.string().nullable().describe('The id the widget gave its own message'),
});
export type WidgetMessage = z.infer<typeof WidgetMessageSchema>;

export const WidgetMessageListSchema = z.object({
  items: z.array(WidgetMessageSchema).describe('Oldest first'),
  nextCursor: z.string().nullable().describe('For the page of older messages'),
});
export type WidgetMessageList = z.infer<typeof WidgetMessageListSchema>;

export const WidgetMessageQuery = z.object({
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page: older messages'),
  after: z.uuid().optional().describe('Only messages newer than this one (after a reconnect)'),
});

export const WidgetMessageCreateSchema = z
  .object({
    body: z.string().trim().max(5000).optional(),
    attachments: z.array(z.uuid()).max(10).optional().describe('Ids from POST …/attachments, uploaded by this visitor'),
    clientId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{8,64}$/)
      .optional()
      .describe('Idempotency key: a retried send with the same id stores one message'),
  })
  .refine((m) => !!m.body || !!m.attachments?.length, { path: ['body'], message: 'write a message or attach a file' });
export type WidgetMessageCreate = z.infer<typeof WidgetMessageCreateSchema>;

export const VisitorProfileSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' })).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
  })
  .refine((p) => p.name !== undefined || p.email !== undefined || p.phone !== undefined, { message: 'nothing to change' });

export const VisitorProfileAnswerSchema = z.object({
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
});
export type VisitorProfile = z.infer<typeof VisitorProfileAnswerSchema>;

export const TypingBodySchema = z.object({ typing: z.boolean() });

/** Frames of the visitor's WebSocket. */
export type WidgetFrame =
  | { type: 'ready' }
  | { type: 'message'; message: WidgetMessage }
  | { type: 'typing'; name: string; typing: boolean };
