import { z } from 'zod';

export const LoginSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' })),
  password: z.string().min(1).max(500),
});

export const RoleSchema = z.enum(['admin', 'user']);

export const LocationSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  timezone: z.string(),
  country: z.string(),
  role: RoleSchema,
});

export const MeSchema = z
  .object({
    user: z
      .object({
        id: z.uuid(),
        name: z.string(),
        email: z.string(),
        role: RoleSchema,
        phone: z.string().nullable().describe('The user’s own phone (E.164): click to call rings it first'),
        onlyAssigned: z.boolean().optional().describe('Sees only the conversations assigned to them in this location'),
      })
      .nullable(),
    location: z.object({ id: z.uuid(), name: z.string(), timezone: z.string(), country: z.string() }),
    locations: z.array(LocationSummary),
    csrfToken: z.string().nullable().describe('Send as X-CSRF-Token on cookie requests that change state'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof MeSchema>;

export const SwitchLocationSchema = z.object({ locationId: z.uuid() });

export const MePhoneSchema = z.object({
  phone: z.string().trim().max(40).nullable().describe('Any format, read in the location’s country; null or empty clears it'),
});

export const ApiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    createdBy: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('The team member who made the key'),
  })
  .meta({ id: 'ApiKey' });
export const ApiKeyCreatedSchema = z.object({ id: z.uuid(), name: z.string(), key: z.string().describe('Shown only once') });
export const ApiKeyCreateSchema = z.object({ name: z.string().trim().min(1).max(100) });

/** A new password: the policy (422 password_policy, naming the rule) is checked by the server. */
const NewPassword = z.string().max(500).describe('At least 10 characters, not a common password, not the e-mail or name');

export const PasswordChangeSchema = z.object({
  currentPassword: z.string().min(1).max(500),
  newPassword: NewPassword,
});

export const SignedOutSchema = z.object({
  ok: z.literal(true),
  signedOut: z.number().int().describe('How many sessions were signed out'),
});

export const AuthOptionsSchema = z.object({
  systemMail: z.boolean().describe('The server sends invitations and password-reset links by e-mail (SMTP_URL is set)'),
});

export const ForgotPasswordSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email({ message: 'must be a valid e-mail address' })),
});
export const ForgotPasswordAnswerSchema = z.object({ ok: z.literal(true), message: z.string() });

export const PasswordResetInfoSchema = z.object({ email: z.string(), expiresAt: z.string() });
export const PasswordResetSchema = z.object({ password: NewPassword });
export const PasswordResetDoneSchema = z.object({
  signedIn: z.boolean(),
  me: MeSchema.nullable().describe('The new session, when the account belongs to a location'),
});

export const ResetLinkSchema = z.object({
  link: z.string().describe('One-time link to set a new password; shown only in this answer'),
  expiresAt: z.string(),
  mailed: z.boolean().describe('Also e-mailed to the member (system mail is configured)'),
});
export type ResetLink = z.infer<typeof ResetLinkSchema>;
