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

export const TeamMemberCreateSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' })),
  role: RoleSchema,
  password: z.string().min(10, 'must be at least 10 characters').max(200).describe('Initial password (new accounts only)'),
});

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
