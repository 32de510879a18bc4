import { z } from 'zod';

/** A team member's own preferences (users.preferences; the same in every location). */
export const PreferencesSchema = z
  .object({
    markReadOnOpen: z.boolean().describe('Opening a conversation marks it read (default off: it becomes read on a reply or Mark as read)'),
  })
  .meta({ id: 'Preferences' });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const PreferencesPatchSchema = PreferencesSchema.partial().refine((p) => Object.values(p).some((v) => v !== undefined), {
  message: 'nothing to change',
});
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

export const DEFAULT_PREFERENCES: Preferences = { markReadOnOpen: false };
