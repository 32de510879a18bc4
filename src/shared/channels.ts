import { z } from 'zod';

export const TwilioChannelCreateSchema = z.object({
  type: z.literal('twilio'),
  name: z.string().trim().min(1).max(100).optional(),
  phoneNumber: z.string().trim().min(5).max(40).describe('The Twilio number, any format'),
  accountSid: z.string().trim().regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex characters'),
  authToken: z.string().trim().min(16).max(200).describe('Stored encrypted; never returned'),
  forwardingNumber: z.string().trim().max(40).optional().describe('Where inbound calls ring'),
  helpText: z.string().trim().max(320).optional().describe('Answer to HELP/INFO'),
  isDefault: z.boolean().optional(),
});

export const ChannelSchema = z
  .object({
    id: z.uuid(),
    type: z.literal('twilio'),
    name: z.string(),
    phoneNumber: z.string().nullable(),
    accountSid: z.string().nullable(),
    forwardingNumber: z.string().nullable(),
    helpText: z.string().nullable(),
    isDefault: z.boolean(),
    webhooks: z.record(z.string(), z.string()).describe('URLs to paste into Twilio'),
    createdAt: z.string(),
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof ChannelSchema>;
