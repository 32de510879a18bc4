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
  .object({ id: z.uuid(), name: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() })
  .meta({ id: 'ApiKey' });
export const ApiKeyCreatedSchema = z.object({ id: z.uuid(), name: z.string(), key: z.string().describe('Shown only once') });
export const ApiKeyCreateSchema = z.object({ name: z.string().trim().min(1).max(100) });
