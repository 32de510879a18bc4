import { z } from 'zod';
import { IsoDate, ListQuery } from './common';

export const SnippetKind = z.enum(['text', 'email']);
export type SnippetKind = z.infer<typeof SnippetKind>;

export const SnippetSchema = z
  .object({
    id: z.uuid(),
    kind: SnippetKind.describe('text: any channel; email: with a subject'),
    name: z.string(),
    subject: z.string().nullable(),
    body: z.string().describe('May contain merge fields such as {{contact.first_name}}'),
    folder: z.string().nullable(),
    personal: z.boolean().describe('true: the caller’s own snippet, seen only by them; false: shared with the location (admins manage these)'),
    createdBy: z.uuid().nullable(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Snippet' });
export type Snippet = z.infer<typeof SnippetSchema>;

const name = z.string().trim().min(1).max(100);
const folder = z
  .string()
  .trim()
  .max(60)
  .nullable()
  .transform((f) => (f ? f : null))
  .describe('A folder name; null or empty: no folder');

export const SnippetCreateSchema = z.object({
  kind: SnippetKind.default('text'),
  name,
  subject: z.string().trim().max(300).nullable().optional().describe('E-mail snippets only'),
  body: z.string().trim().min(1).max(10_000),
  folder: folder.optional(),
  personal: z
    .boolean()
    .default(false)
    .describe('true: a personal snippet, seen only by its creator (any team member); false: shared with the location (admins only)'),
});
export type SnippetCreate = z.infer<typeof SnippetCreateSchema>;

export const SnippetPatchSchema = z.object({
  kind: SnippetKind.optional(),
  name: name.optional(),
  subject: z.string().trim().max(300).nullable().optional(),
  body: z.string().trim().min(1).max(10_000).optional(),
  folder: folder.optional(),
});
export type SnippetPatch = z.infer<typeof SnippetPatchSchema>;

export const SnippetListQuery = ListQuery.extend({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  q: z.string().trim().max(100).optional().describe('Words found in the name, subject or body'),
  folder: z.string().trim().max(60).optional().describe('Only this folder; an empty value: snippets without a folder'),
  kind: SnippetKind.optional(),
});
export type SnippetListQuery = z.infer<typeof SnippetListQuery>;

export const SnippetFolderSchema = z.object({ name: z.string(), count: z.number().int() }).meta({ id: 'SnippetFolder' });
export type SnippetFolder = z.infer<typeof SnippetFolderSchema>;

export const MergeProblemSchema = z.object({
  field: z.string().describe('The field as written, e.g. contact.first_name'),
  problem: z.enum(['unknown', 'empty']),
  message: z.string(),
});

export const PreviewRequestSchema = z.object({
  body: z.string().max(10_000).default(''),
  subject: z.string().max(300).optional(),
});
export const PreviewSchema = z
  .object({
    text: z.string().describe('The body as it would be sent now (fields with problems left as written)'),
    subject: z.string().nullable(),
    problems: z.array(MergeProblemSchema),
  })
  .meta({ id: 'MergePreview' });
export type Preview = z.infer<typeof PreviewSchema>;
