import { z } from 'zod';

/** The one error shape of the API: {"error":{"code","message","details"}}. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().describe('snake_case machine-readable code'),
      message: z.string().describe('Human sentence'),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
