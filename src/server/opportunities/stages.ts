/**
 * One stage at a time (Settings → Pipelines): add, rename, move, remove. Each change locks its
 * pipeline row, so concurrent edits of one pipeline apply one after the other and none undoes
 * another (unlike rewriting the whole list with PATCH /pipelines/{id}). Positions are rewritten
 * 0…n-1 in one statement (their uniqueness is checked at commit).
 */
import type { Pipeline, PipelineStageCreate, PipelineStagePatch } from '#shared/opportunities';
import type { Pool } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { AppError, conflict, notFound } from '../http/errors';
import { loadPipeline, stageInUse, stagesInUse } from './pipelines';

const MAX_STAGES = 30;

interface StageRow {
  id: string;
  name: string;
}

/** Locks the pipeline and reads its stages in order; 404 when it is not this location's. */
async function lockStages(tx: Tx, locationId: string, pipelineId: string): Promise<StageRow[]> {
  const p = await tx.query('SELECT 1 FROM pipelines WHERE location_id = $1 AND id = $2 FOR UPDATE', [locationId, pipelineId]);
  if (p.rowCount === 0) throw notFound('Pipeline');
  const r = await tx.query<StageRow>('SELECT id, name FROM pipeline_stages WHERE location_id = $1 AND pipeline_id = $2 ORDER BY position, id', [
    locationId,
    pipelineId,
  ]);
  return r.rows;
}

function findStage(stages: StageRow[], stageId: string): number {
  const at = stages.findIndex((s) => s.id === stageId);
  if (at < 0) throw notFound('Stage');
  return at;
}

function checkName(stages: StageRow[], name: string, except?: string) {
  const taken = stages.find((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase());
  if (!taken) return;
  const message = `is already used by another stage of this pipeline (“${taken.name}”)`;
  throw new AppError(422, 'duplicate_stage_name', `body.name: ${message}`, { fields: [{ field: 'body.name', message }] });
}

/** Writes positions 0…n-1 in the given order and touches the pipeline. */
async function renumber(tx: Tx, locationId: string, pipelineId: string, ids: string[]) {
  await tx.query(
    `UPDATE pipeline_stages s SET position = t.ord - 1
       FROM unnest($3::uuid[]) WITH ORDINALITY AS t(id, ord)
      WHERE s.location_id = $1 AND s.pipeline_id = $2 AND s.id = t.id AND s.position <> t.ord - 1`,
    [locationId, pipelineId, ids],
  );
  await tx.query('UPDATE pipelines SET updated_at = now() WHERE location_id = $1 AND id = $2', [locationId, pipelineId]);
}

const clamp = (position: number | undefined, max: number) => Math.min(position ?? max, max);

export async function addStage(pool: Pool, locationId: string, pipelineId: string, input: PipelineStageCreate): Promise<Pipeline> {
  return withTx(pool, async (tx) => {
    const stages = await lockStages(tx, locationId, pipelineId);
    if (stages.length >= MAX_STAGES) {
      throw new AppError(422, 'too_many_stages', `A pipeline has at most ${MAX_STAGES} stages.`);
    }
    checkName(stages, input.name);
    const r = await tx.query<{ id: string }>(
      'INSERT INTO pipeline_stages (location_id, pipeline_id, name, position) VALUES ($1, $2, $3, $4) RETURNING id',
      [locationId, pipelineId, input.name, stages.length],
    );
    const ids = stages.map((s) => s.id);
    ids.splice(clamp(input.position, ids.length), 0, r.rows[0].id);
    await renumber(tx, locationId, pipelineId, ids);
    return loadPipeline(tx, locationId, pipelineId);
  });
}

export async function updateStage(pool: Pool, locationId: string, pipelineId: string, stageId: string, patch: PipelineStagePatch): Promise<Pipeline> {
  return withTx(pool, async (tx) => {
    const stages = await lockStages(tx, locationId, pipelineId);
    const at = findStage(stages, stageId);
    if (patch.name !== undefined) {
      checkName(stages, patch.name, stageId);
      await tx.query('UPDATE pipeline_stages SET name = $3 WHERE location_id = $1 AND id = $2', [locationId, stageId, patch.name]);
    }
    const ids = stages.map((s) => s.id);
    if (patch.position !== undefined) {
      ids.splice(at, 1);
      ids.splice(clamp(patch.position, ids.length), 0, stageId);
    }
    await renumber(tx, locationId, pipelineId, ids);
    return loadPipeline(tx, locationId, pipelineId);
  });
}

/** Removes an empty stage; the last stage of a pipeline stays (409 last_stage). */
export async function removeStage(pool: Pool, locationId: string, pipelineId: string, stageId: string): Promise<Pipeline> {
  return withTx(pool, async (tx) => {
    const stages = await lockStages(tx, locationId, pipelineId);
    findStage(stages, stageId);
    if (stages.length === 1) throw conflict('last_stage', 'A pipeline needs at least one stage: add another before removing this one.');
    const used = await stagesInUse(tx, locationId, pipelineId, [stageId]);
    if (used.length > 0) throw stageInUse(used);
    try {
      await tx.query('DELETE FROM pipeline_stages WHERE location_id = $1 AND id = $2', [locationId, stageId]);
    } catch (err) {
      // An opportunity moved into the stage since the check: the foreign key refuses, same answer.
      if ((err as { code?: string }).code === '23503') throw stageInUse([]);
      throw err;
    }
    await renumber(
      tx,
      locationId,
      pipelineId,
      stages.filter((s) => s.id !== stageId).map((s) => s.id),
    );
    return loadPipeline(tx, locationId, pipelineId);
  });
}
