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

export type TwilioChannelCreate = z.infer<typeof TwilioChannelCreateSchema>;

/**
 * POST /api/v1/channels: one member per provider, told apart by `type` (the provider). Adding a
 * provider adds its member here and its adapter under server/channels/<provider>/.
 */
export const ChannelCreateSchema = z.discriminatedUnion('type', [TwilioChannelCreateSchema]);
export type ChannelCreate = z.infer<typeof ChannelCreateSchema>;

export const ChannelStatus = z.enum(['active', 'error', 'reconnect', 'disabled']);

/** A connection as the API shows it: common fields, then the provider's own (never a secret). */
export const ChannelSchema = z
  .object({
    id: z.uuid(),
    type: z.string().describe('The provider: twilio, …'),
    name: z.string(),
    status: ChannelStatus.describe('error: the last attempt to use it failed (lastError); reconnect: its grant was revoked'),
    lastError: z.string().nullable(),
    isDefault: z.boolean(),
    addresses: z.array(z.object({ kind: z.string(), address: z.string() })).describe('What routes inbound traffic to it'),
    phoneNumber: z.string().nullable().describe('Twilio: the number'),
    accountSid: z.string().nullable().describe('Twilio: the account'),
    forwardingNumber: z.string().nullable(),
    helpText: z.string().nullable(),
    webhooks: z.record(z.string(), z.string()).describe('URLs to paste into the provider'),
    details: z.record(z.string(), z.unknown()).describe("The provider's own settings (never a secret)"),
    sync: z
      .array(
        z.object({
          stream: z.string(),
          stage: z.enum(['initial', 'incremental', 'paused']),
          lastSuccessAt: z.string().nullable(),
          lastError: z.string().nullable(),
          lastErrorAt: z.string().nullable(),
          failures: z.number().int(),
          itemsImported: z.number().int(),
          nextRunAt: z.string(),
        }),
      )
      .describe('Pull-sync streams (a mailbox folder, a review feed) and their health'),
    createdAt: z.string(),
  })
  .meta({ id: 'Channel' });
export type Channel = z.infer<typeof ChannelSchema>;
