import { z } from 'zod';
import { RoleSchema } from './auth';

export const TeamMemberSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    email: z.string(),
    role: RoleSchema,
    onlyAssigned: z.boolean().describe('Sees only the conversations assigned to them'),
    createdAt: z.string(),
  })
  .meta({ id: 'TeamMember' });
export type TeamMember = z.infer<typeof TeamMemberSchema>;

/** Inviting someone (POST /users): they accept with the link — a new account, or one they already have. */
export const TeamMemberCreateSchema = z.object({
  name: z.string().trim().max(100).optional().describe('A suggested name for a new account (they may change it)'),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' })),
  role: RoleSchema,
});

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string().nullable().describe('The name the admin typed, if any'),
    role: RoleSchema,
    status: z.enum(['pending', 'expired']),
    invitedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    createdAt: z.string(),
    sentAt: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof InvitationSchema>;

export const InvitationLinkSchema = InvitationSchema.extend({
  link: z.string().describe('The one-time invitation link; shown only in this answer'),
  mailed: z.boolean().describe('Also e-mailed to the address (system mail is configured)'),
}).meta({ id: 'InvitationLink' });
export type InvitationLink = z.infer<typeof InvitationLinkSchema>;

/** What the invitation page shows its holder (nothing about any existing account). */
export const PublicInvitationSchema = z.object({
  location: z.object({ name: z.string() }),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  expiresAt: z.string(),
});
export type PublicInvitation = z.infer<typeof PublicInvitationSchema>;

export const InvitationAcceptSchema = z.discriminatedUnion('account', [
  z.object({
    account: z.literal('new'),
    name: z.string().trim().min(1).max(100),
    password: z.string().max(500),
  }),
  z.object({
    account: z.literal('existing'),
    password: z.string().min(1).max(500).describe('The existing account’s password'),
  }),
]);

export const TeamMemberPatchSchema = z
  .object({
    role: RoleSchema.optional(),
    onlyAssigned: z.boolean().optional().describe('true: the member sees only the conversations assigned to them'),
  })
  .refine((p) => p.role !== undefined || p.onlyAssigned !== undefined, { message: 'nothing to change' });

export const LocationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timezone: z.string(),
    country: z.string(),
    smsOptOutLine: z.string().describe('Added to the first SMS to a contact; empty: none'),
  })
  .meta({ id: 'Location' });

export const LocationPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    timezone: z
      .string()
      .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'must be an IANA time zone such as America/New_York')
      .optional(),
    country: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US or GB')
      .optional(),
    smsOptOutLine: z.string().trim().max(160).optional().describe('Empty string: no opt-out line'),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), { message: 'nothing to change' });
