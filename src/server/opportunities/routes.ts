import { z } from 'zod';
import { IdParams, listOf, OkSchema } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import {
  OpportunityCreateSchema,
  OpportunityListQuery,
  OpportunityPatchSchema,
  OpportunitySchema,
  PipelineCreateSchema,
  PipelinePatchSchema,
  PipelineSchema,
} from '#shared/opportunities';
import type { RouteModule } from '../http/types';
import { createPipeline, deletePipeline, listPipelines, updatePipeline } from './pipelines';
import { createOpportunity, deleteOpportunity, getOpportunity, listOpportunities, updateOpportunity } from './service';
import { restrictedTo } from '../contacts/access';

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

export const opportunityRoutes: RouteModule = (app, { pool }) => {
  const tags = ['pipelines'];
  app.get('/pipelines', {
    schema: {
      tags,
      summary: 'Pipelines with their ordered stages (a location without any gets the default "Sales Pipeline")',
      response: { 200: z.object({ items: z.array(PipelineSchema) }) },
    },
    handler: async (req) => ({ items: await listPipelines(pool, req.auth.locationId) }),
  });

  app.post('/pipelines', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Create a pipeline (admin)', body: PipelineCreateSchema, response: { 201: PipelineSchema, ...errors } },
    handler: async (req, reply) => reply.status(201).send(await createPipeline(pool, req.auth.locationId, req.body)),
  });

  app.patch('/pipelines/:id', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Rename a pipeline or rewrite its stages (admin; 409 when a removed stage holds opportunities)',
      params: IdParams,
      body: PipelinePatchSchema,
      response: { 200: PipelineSchema, ...errors },
    },
    handler: (req) => updatePipeline(pool, req.auth.locationId, req.params.id, req.body),
  });

  app.delete('/pipelines/:id', {
    config: { access: 'admin' },
    schema: { tags, summary: 'Delete a pipeline (admin; 409 pipeline_in_use while it holds opportunities, 409 last_pipeline for the only one)', params: IdParams, response: { 200: OkSchema, ...errors } },
    handler: async (req) => {
      await deletePipeline(pool, req.auth.locationId, req.params.id);
      return { ok: true as const };
    },
  });

  const otags = ['opportunities'];
  app.get('/opportunities', {
    schema: {
      tags: otags,
      summary: 'List opportunities, newest first (filter by contact, pipeline, status)',
      querystring: OpportunityListQuery,
      response: { 200: listOf(OpportunitySchema), 400: ErrorBodySchema },
    },
    handler: (req) => listOpportunities(pool, req.auth.locationId, req.query, restrictedTo(req.auth)),
  });

  app.post('/opportunities', {
    schema: {
      tags: otags,
      summary: 'Create an opportunity (its Activity Card goes into the contact’s conversation)',
      body: OpportunityCreateSchema,
      response: { 201: OpportunitySchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await createOpportunity(pool, req.auth, req.body)),
  });

  app.get('/opportunities/:id', {
    schema: { tags: otags, summary: 'Get an opportunity', params: IdParams, response: { 200: OpportunitySchema, 404: ErrorBodySchema } },
    handler: (req) => getOpportunity(pool, req.auth.locationId, req.params.id),
  });

  app.patch('/opportunities/:id', {
    schema: {
      tags: otags,
      summary: 'Change an opportunity: stage, status (lost needs lostReason), value, owner…',
      params: IdParams,
      body: OpportunityPatchSchema,
      response: { 200: OpportunitySchema, ...errors },
    },
    handler: (req) => updateOpportunity(pool, req.auth, req.params.id, req.body),
  });

  app.delete('/opportunities/:id', {
    schema: { tags: otags, summary: 'Delete an opportunity (its cards stay in the thread)', params: IdParams, response: { 200: OkSchema, 404: ErrorBodySchema } },
    handler: async (req) => {
      await deleteOpportunity(pool, req.auth, req.params.id);
      return { ok: true as const };
    },
  });
};
