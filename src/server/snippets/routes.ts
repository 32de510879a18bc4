import { z } from 'zod';
import { IdParams, listOf, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import {
  PreviewRequestSchema,
  PreviewSchema,
  SnippetCreateSchema,
  SnippetFolderSchema,
  SnippetListQuery,
  SnippetPatchSchema,
  SnippetSchema,
} from '#shared/snippets';
import type { AuthContext, RouteModule } from '../http/types';
import { loadContactOfConversation } from '../messages/send';
import { fieldsIn, renderAll } from './merge';
import { loadMergeValues } from './merge-context';
import { createSnippet, deleteSnippet, getSnippet, listFolders, listSnippets, updateSnippet, type SnippetActor } from './service';

const tags = ['snippets'];
const actorOf = (auth: AuthContext): SnippetActor => ({ userId: auth.userId, admin: auth.role === 'admin' });
const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

export const snippetRoutes: RouteModule = (app, { pool }) => {
  app.get('/snippets', {
    schema: {
      tags,
      summary: 'Snippets shared with the location and my personal ones, alphabetical; search with q (name, subject, body, folder), filter by folder or kind',
      querystring: SnippetListQuery,
      response: { 200: listOf(SnippetSchema), 400: ErrorBodySchema },
    },
    handler: (req) => listSnippets(pool, req.auth.locationId, actorOf(req.auth), req.query),
  });

  app.get('/snippets/folders', {
    schema: { tags, summary: 'Folders in use, with how many snippets each holds', response: { 200: z.object({ items: z.array(SnippetFolderSchema) }) } },
    handler: async (req) => ({ items: await listFolders(pool, req.auth.locationId, actorOf(req.auth)) }),
  });

  app.post('/snippets', {
    schema: {
      tags,
      summary: 'Create a snippet (422 merge_field_unknown for a {{field}} that does not exist; 409 for a name in use)',
      description: 'Any team member may add personal snippets (personal: true, seen only by them); only admins add shared ones (403 otherwise).',
      body: SnippetCreateSchema,
      response: { 201: SnippetSchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await createSnippet(pool, req.auth.locationId, actorOf(req.auth), req.body)),
  });

  app.get('/snippets/:id', {
    schema: { tags, summary: 'Get a snippet', params: IdParams, response: { 200: SnippetSchema, 404: ErrorBodySchema } },
    handler: (req) => getSnippet(pool, req.auth.locationId, actorOf(req.auth), req.params.id),
  });

  app.patch('/snippets/:id', {
    schema: { tags, summary: 'Edit a snippet (shared ones: admins only)', params: IdParams, body: SnippetPatchSchema, response: { 200: SnippetSchema, ...errors } },
    handler: (req) => updateSnippet(pool, req.auth.locationId, actorOf(req.auth), req.params.id, req.body),
  });

  app.delete('/snippets/:id', {
    schema: { tags, summary: 'Delete a snippet (shared ones: admins only)', params: IdParams, response: { 200: OkSchema, 403: ErrorBodySchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      await deleteSnippet(pool, req.auth.locationId, actorOf(req.auth), req.params.id);
      return { ok: true as const };
    },
  });

  app.post('/conversations/:id/preview', {
    schema: {
      tags,
      summary: 'A reply as it would be sent to this contact now: merge fields filled in, and every field that cannot be',
      description:
        'The composer calls this while typing. problems lists unknown fields and fields without a value for this ' +
        'contact; sending such a text answers 422 merge_field_unknown / merge_field_empty.',
      params: IdParams,
      body: PreviewRequestSchema,
      response: { 200: PreviewSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
    },
    handler: async (req) => {
      const { locationId, userId } = req.auth;
      const contact = await loadContactOfConversation(pool, locationId, req.params.id);
      const { body, subject } = req.body;
      const used = fieldsIn(body).length + (subject ? fieldsIn(subject).length : 0);
      const values = used ? await loadMergeValues(pool, locationId, contact, userId) : {};
      const r = renderAll({ body, subject }, values);
      return { text: r.parts.body ?? '', subject: r.parts.subject ?? null, problems: r.problems };
    },
  });
};
