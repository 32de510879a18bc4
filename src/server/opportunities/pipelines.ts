/**
 * Pipelines and their ordered stages. A location without any gets the default "Sales Pipeline" on
 * its first read; stages keep their ids through renames and moves; a stage or pipeline that still
 * holds opportunities cannot be removed (409).
 */
import { DEFAULT_PIPELINE, type Pipeline, type PipelineCreate, type PipelinePatch } from '#shared/opportunities';
import type { Pool, Queryable } from '../db/pool';
import { withTx, type Tx } from '../db/tx';
import { AppError, conflict, notFound } from '../http/errors';

/** Namespace of the advisory lock that serialises creating a location's default pipeline. */
const DEFAULT_PIPELINE_LOCK = 0x0a1e_0007;

const PIPELINE_SELECT = `
  SELECT p.id, p.name, p.created_at, p.updated_at,
         coalesce((SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'position', s.position) ORDER BY s.position)
                     FROM pipeline_stages s WHERE s.location_id = p.location_id AND s.pipeline_id = p.id), '[]'::json) AS stages
    FROM pipelines p`;

const toPipeline = (r: any): Pipeline => ({
  id: r.id,
  name: r.name,
  stages: r.stages,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

async function selectPipelines(db: Queryable, locationId: string): Promise<Pipeline[]> {
  const r = await db.query(`${PIPELINE_SELECT} WHERE p.location_id = $1 ORDER BY p.created_at, p.id`, [locationId]);
  return r.rows.map(toPipeline);
}

export async function loadPipeline(db: Queryable, locationId: string, id: string): Promise<Pipeline> {
  const r = await db.query(`${PIPELINE_SELECT} WHERE p.location_id = $1 AND p.id = $2`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Pipeline');
  return toPipeline(r.rows[0]);
}

async function insertPipeline(tx: Tx, locationId: string, name: string, stages: string[]): Promise<string> {
  const p = await tx.query<{ id: string }>('INSERT INTO pipelines (location_id, name) VALUES ($1, $2) RETURNING id', [locationId, name]);
  const id = p.rows[0].id;
  await tx.query(
    `INSERT INTO pipeline_stages (location_id, pipeline_id, name, position)
     SELECT $1, $2, name, ord - 1 FROM unnest($3::text[]) WITH ORDINALITY AS t(name, ord)`,
    [locationId, id, stages],
  );
  return id;
}

/**
 * The location's pipelines, oldest first. With none, the default one is created first: under a
 * per-location advisory lock, re-checked after taking it, so concurrent first reads make one.
 */
export async function listPipelines(pool: Pool, locationId: string): Promise<Pipeline[]> {
  const found = await selectPipelines(pool, locationId);
  if (found.length > 0) return found;
  return withTx(pool, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DEFAULT_PIPELINE_LOCK, locationId]);
    const again = await tx.query('SELECT 1 FROM pipelines WHERE location_id = $1 LIMIT 1', [locationId]);
    if (again.rowCount === 0) await insertPipeline(tx, locationId, DEFAULT_PIPELINE.name, DEFAULT_PIPELINE.stages);
    return selectPipelines(tx, locationId);
  });
}

export async function createPipeline(pool: Pool, locationId: string, input: PipelineCreate): Promise<Pipeline> {
  return withTx(pool, async (tx) => {
    const id = await insertPipeline(tx, locationId, input.name, input.stages.map((s) => s.name));
    return loadPipeline(tx, locationId, id);
  });
}

/** Opportunities per stage among `stageIds` (only stages that hold some). */
export async function stagesInUse(db: Queryable, locationId: string, pipelineId: string, stageIds: string[]) {
  const r = await db.query<{ id: string; name: string; n: number }>(
    `SELECT s.id, s.name, count(*)::int AS n
       FROM opportunities o JOIN pipeline_stages s ON s.location_id = o.location_id AND s.id = o.pipeline_stage_id
      WHERE o.location_id = $1 AND o.pipeline_id = $2 AND o.pipeline_stage_id = ANY($3::uuid[])
      GROUP BY s.id, s.name ORDER BY s.name`,
    [locationId, pipelineId, stageIds],
  );
  return r.rows;
}

export function stageInUse(stages: { id: string; name: string; n: number }[]) {
  const first = stages[0];
  const what = first ? `The stage “${first.name}” still holds ${first.n} ${first.n === 1 ? 'opportunity' : 'opportunities'}` : 'A removed stage still holds opportunities';
  return conflict('stage_in_use', `${what}: move ${first?.n === 1 ? 'it' : 'them'} to another stage first.`, {
    stages: stages.map((s) => ({ id: s.id, name: s.name, opportunities: s.n })),
  });
}

async function replaceStages(tx: Tx, locationId: string, pipelineId: string, stages: NonNullable<PipelinePatch['stages']>) {
  const current = await tx.query<{ id: string }>('SELECT id FROM pipeline_stages WHERE location_id = $1 AND pipeline_id = $2', [locationId, pipelineId]);
  const currentIds = new Set(current.rows.map((s) => s.id));
  const unknown = stages.findIndex((s) => s.id && !currentIds.has(s.id));
  if (unknown >= 0) {
    const field = `body.stages.${unknown}.id`;
    throw new AppError(422, 'invalid_stage', `${field}: is not a stage of this pipeline`, { fields: [{ field, message: 'is not a stage of this pipeline' }] });
  }
  const kept = new Set(stages.map((s) => s.id).filter(Boolean));
  const removed = [...currentIds].filter((id) => !kept.has(id));
  if (removed.length > 0) {
    const used = await stagesInUse(tx, locationId, pipelineId, removed);
    if (used.length > 0) throw stageInUse(used);
    try {
      await tx.query('DELETE FROM pipeline_stages WHERE location_id = $1 AND id = ANY($2::uuid[])', [locationId, removed]);
    } catch (err) {
      // An opportunity moved into the stage since the check: the foreign key refuses, same answer.
      if ((err as { code?: string }).code === '23503') throw stageInUse([]);
      throw err;
    }
  }
  // Positions are unique per pipeline, checked at commit: rewriting them in any order is fine.
  for (const [position, s] of stages.entries()) {
    if (s.id) {
      await tx.query('UPDATE pipeline_stages SET name = $3, position = $4 WHERE location_id = $1 AND id = $2', [locationId, s.id, s.name, position]);
    } else {
      await tx.query('INSERT INTO pipeline_stages (location_id, pipeline_id, name, position) VALUES ($1, $2, $3, $4)', [locationId, pipelineId, s.name, position]);
    }
  }
}

export async function updatePipeline(pool: Pool, locationId: string, id: string, patch: PipelinePatch): Promise<Pipeline> {
  return withTx(pool, async (tx) => {
    const r = await tx.query('SELECT 1 FROM pipelines WHERE location_id = $1 AND id = $2 FOR UPDATE', [locationId, id]);
    if (r.rowCount === 0) throw notFound('Pipeline');
    if (patch.stages) await replaceStages(tx, locationId, id, patch.stages);
    await tx.query('UPDATE pipelines SET name = coalesce($3, name), updated_at = now() WHERE location_id = $1 AND id = $2', [locationId, id, patch.name ?? null]);
    return loadPipeline(tx, locationId, id);
  });
}

/**
 * Deletes an empty pipeline. The location's last one stays (409 last_pipeline): opportunities need
 * a pipeline, and a location without any would get the default one back on its next read. All of
 * the location's pipelines are locked first, so two concurrent deletions cannot remove the last two.
 */
export async function deletePipeline(pool: Pool, locationId: string, id: string): Promise<void> {
  await withTx(pool, async (tx) => {
    const all = await tx.query<{ id: string }>('SELECT id FROM pipelines WHERE location_id = $1 ORDER BY id FOR UPDATE', [locationId]);
    if (!all.rows.some((p) => p.id === id)) throw notFound('Pipeline');
    if (all.rows.length === 1) {
      throw conflict('last_pipeline', 'This is the location’s only pipeline: create another one before deleting it.');
    }
    const r = await tx.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM opportunities o WHERE o.location_id = p.location_id AND o.pipeline_id = p.id) AS n
         FROM pipelines p WHERE p.location_id = $1 AND p.id = $2 FOR UPDATE`,
      [locationId, id],
    );
    if (!r.rows[0]) throw notFound('Pipeline');
    const inUse = (n: number) =>
      conflict('pipeline_in_use', `This pipeline still holds ${n || 'some'} ${n === 1 ? 'opportunity' : 'opportunities'}: move or delete ${n === 1 ? 'it' : 'them'} first.`, {
        opportunities: n,
      });
    if (r.rows[0].n > 0) throw inUse(r.rows[0].n);
    try {
      await tx.query('DELETE FROM pipelines WHERE location_id = $1 AND id = $2', [locationId, id]);
    } catch (err) {
      if ((err as { code?: string }).code === '23503') throw inUse(0);
      throw err;
    }
  });
}
