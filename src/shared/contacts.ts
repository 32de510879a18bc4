import { z } from 'zod';
import { IsoDate, ListQuery } from './common';

import { DND_CHANNELS, type DndChannel } from './dnd';
export { DND_CHANNELS, type DndChannel };
export const DndStatus = z.enum(['active', 'inactive', 'permanent']);

export const DndChannelSetting = z.object({
  status: DndStatus,
  message: z.string().max(500).optional(),
});
export const DndSettingsSchema = z.object(
  Object.fromEntries(DND_CHANNELS.map((c) => [c, DndChannelSetting])) as Record<DndChannel, typeof DndChannelSetting>,
);
export type DndSettings = z.infer<typeof DndSettingsSchema>;

export const WebChatDetailsSchema = z.object({ email: z.string().nullable(), phone: z.string().nullable() });
export type WebChatDetails = z.infer<typeof WebChatDetailsSchema>;

export const ContactSchema = z
  .object({
    id: z.uuid(),
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    name: z.string().describe('Display name: first and last name, else phone or e-mail'),
    phone: z.string().nullable().describe('Main phone, E.164'),
    email: z.string().nullable(),
    additionalPhones: z.array(z.string()),
    additionalEmails: z.array(z.string()),
    tags: z.array(z.string()),
    dnd: z.boolean().describe('Global Do Not Disturb'),
    dndSettings: DndSettingsSchema,
    inboundDnd: z.boolean(),
    ownerId: z.uuid().nullable(),
    source: z.string().nullable(),
    webChatDetails: WebChatDetailsSchema.nullable().describe(
      'What the contact said about themselves in web chat ("Leave your details"): unverified, shown to the team but never used to match SMS, calls or e-mail to this contact',
    ),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ContactSchema>;

const PhoneInput = z.string().trim().min(3).max(40);
const EmailInput = z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' }));
const Tag = z.string().trim().min(1).max(60);

export const ContactCreateSchema = z
  .object({
    firstName: z.string().trim().max(100).optional(),
    lastName: z.string().trim().max(100).optional(),
    name: z.string().trim().max(200).optional().describe('Split into first and last name when those are absent'),
    phone: PhoneInput.optional().describe('Any format; normalized to E.164 with the location country'),
    email: EmailInput.optional(),
    additionalPhones: z.array(PhoneInput).max(10).optional(),
    additionalEmails: z.array(EmailInput).max(10).optional(),
    tags: z.array(Tag).max(100).optional(),
    dnd: z.boolean().optional(),
    dndSettings: DndSettingsSchema.partial().optional(),
    inboundDnd: z.boolean().optional(),
    ownerId: z.uuid().nullable().optional(),
    source: z.string().trim().max(100).optional(),
  })
  .refine((c) => c.firstName || c.lastName || c.name || c.phone || c.email, {
    message: 'a contact needs a name, a phone or an e-mail',
    path: ['name'],
  });
export type ContactCreate = z.infer<typeof ContactCreateSchema>;

export const ContactPatchSchema = z.object({
  firstName: z.string().trim().max(100).nullable().optional(),
  lastName: z.string().trim().max(100).nullable().optional(),
  phone: PhoneInput.nullable().optional(),
  email: EmailInput.nullable().optional(),
  additionalPhones: z.array(PhoneInput).max(10).optional(),
  additionalEmails: z.array(EmailInput).max(10).optional(),
  tags: z.array(Tag).max(100).optional(),
  dnd: z.boolean().optional(),
  dndSettings: DndSettingsSchema.partial().optional(),
  inboundDnd: z.boolean().optional(),
  ownerId: z.uuid().nullable().optional(),
});
export type ContactPatch = z.infer<typeof ContactPatchSchema>;

export const ContactListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional().describe('Name, e-mail or phone (any format), partial'),
});
