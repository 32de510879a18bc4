/**
 * /api/v1/pipelines/{id}/stages…: one stage at a time (admin). Each answers the whole pipeline,
 * stages in their new order. Another location's pipeline, or a stage of another pipeline, is 404.
 */
import { IdParams } from '#shared/common';
import { ErrorBodySchema } from '#shared/errors';
import { PipelineSchema, PipelineStageCreateSchema, PipelineStageParams, PipelineStagePatchSchema } from '#shared/opportunities';
import type { RouteModule } from '../http/types';
import { addStage, removeStage, updateStage } from './stages';

const tags = ['pipelines'];
const errors = { 400: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema, 409: ErrorBodySchema, 422: ErrorBodySchema };

export const pipelineStageRoutes: RouteModule = (app, { pool }) => {
  app.post('/pipelines/:id/stages', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Add a stage (admin; last unless a position is given; 422 for a name the pipeline already has)',
      params: IdParams,
      body: PipelineStageCreateSchema,
      response: { 201: PipelineSchema, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(await addStage(pool, req.auth.locationId, req.params.id, req.body)),
  });

  app.patch('/pipelines/:id/stages/:stageId', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Rename a stage and/or move it to a position (admin; its opportunities stay in it)',
      params: PipelineStageParams,
      body: PipelineStagePatchSchema,
      response: { 200: PipelineSchema, ...errors },
    },
    handler: (req) => updateStage(pool, req.auth.locationId, req.params.id, req.params.stageId, req.body),
  });

  app.delete('/pipelines/:id/stages/:stageId', {
    config: { access: 'admin' },
    schema: {
      tags,
      summary: 'Remove a stage (admin; 409 stage_in_use while it holds opportunities, 409 last_stage for the only one)',
      params: PipelineStageParams,
      response: { 200: PipelineSchema, ...errors },
    },
    handler: (req) => removeStage(pool, req.auth.locationId, req.params.id, req.params.stageId),
  });
};
