/** Reading opportunities (with their pipeline and stage names) and the checks writes rely on. */
import type { Opportunity } from '#shared/opportunities';
import type { Queryable } from '../db/pool';
import { AppError, notFound } from '../http/errors';

export const OPPORTUNITY_SELECT = `
  SELECT o.id, o.name, o.contact_id, o.pipeline_id, p.name AS pipeline_name, o.pipeline_stage_id, s.name AS stage_name,
         o.monetary_value, o.currency, o.status, o.lost_reason, o.assigned_to, o.source, o.created_by,
         o.created_at, o.updated_at, o.created_at::text AS _k
    FROM opportunities o
    JOIN pipelines p ON p.location_id = o.location_id AND p.id = o.pipeline_id
    JOIN pipeline_stages s ON s.location_id = o.location_id AND s.id = o.pipeline_stage_id`;

export function toOpportunity(r: any): Opportunity {
  return {
    id: r.id,
    name: r.name,
    contactId: r.contact_id,
    pipelineId: r.pipeline_id,
    pipelineName: r.pipeline_name,
    pipelineStageId: r.pipeline_stage_id,
    stageName: r.stage_name,
    monetaryValue: Number(r.monetary_value),
    currency: r.currency,
    status: r.status,
    lostReason: r.lost_reason,
    assignedTo: r.assigned_to,
    source: r.source,
    createdBy: r.created_by,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

/** One opportunity of the location (404 otherwise); `lock` holds its row until the transaction ends. */
export async function loadOpportunity(db: Queryable, locationId: string, id: string, lock = false): Promise<Opportunity> {
  const r = await db.query(`${OPPORTUNITY_SELECT} WHERE o.location_id = $1 AND o.id = $2${lock ? ' FOR UPDATE OF o' : ''}`, [locationId, id]);
  if (!r.rows[0]) throw notFound('Opportunity');
  return toOpportunity(r.rows[0]);
}

const fieldError = (status: number, code: string, field: string, message: string) =>
  new AppError(status, code, `${field}: ${message}`, { fields: [{ field: `body.${field}`, message }] });

export const invalidStage = () => fieldError(422, 'invalid_stage', 'pipelineStageId', 'is not a stage of that pipeline');
export const invalidPipeline = () => fieldError(422, 'invalid_pipeline', 'pipelineId', 'is not a pipeline of this location');
export const invalidOwner = () => fieldError(422, 'invalid_owner', 'assignedTo', 'is not a team member of this location');
export const lostReasonRequired = () => fieldError(400, 'validation_failed', 'lostReason', 'is required when the status is lost');

/** The names of a (pipeline, stage) pair; 422 naming the field when the stage is not the pipeline's. */
export async function stageOf(db: Queryable, locationId: string, pipelineId: string, stageId: string) {
  const r = await db.query<{ pipeline_name: string; stage_name: string | null }>(
    `SELECT p.name AS pipeline_name, s.name AS stage_name
       FROM pipelines p
       LEFT JOIN pipeline_stages s ON s.location_id = p.location_id AND s.pipeline_id = p.id AND s.id = $3
      WHERE p.location_id = $1 AND p.id = $2`,
    [locationId, pipelineId, stageId],
  );
  if (!r.rows[0]) throw invalidPipeline();
  if (r.rows[0].stage_name === null) throw invalidStage();
  return { pipelineName: r.rows[0].pipeline_name, stageName: r.rows[0].stage_name };
}

export async function assertMember(db: Queryable, locationId: string, userId: string): Promise<void> {
  const r = await db.query('SELECT 1 FROM memberships WHERE location_id = $1 AND user_id = $2', [locationId, userId]);
  if (r.rowCount === 0) throw invalidOwner();
}

/** Team members' names by id, for cards ("Owner: Ada → Sam"). */
export async function memberNames(db: Queryable, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const r = await db.query<{ id: string; name: string }>('SELECT id, name FROM users WHERE id = ANY($1::uuid[])', [wanted]);
  return new Map(r.rows.map((u) => [u.id, u.name]));
}

/** A write refused by a foreign key raced with a delete: the same answer as the checks give. */
export function fromForeignKey(err: unknown): unknown {
  const e = err as { code?: string; constraint?: string };
  if (e.code !== '23503' || !e.constraint) return err;
  if (e.constraint.includes('contact')) return notFound('Contact');
  if (e.constraint.includes('assigned_to')) return invalidOwner();
  if (e.constraint.includes('stage')) return invalidStage();
  if (e.constraint.includes('pipeline')) return invalidPipeline();
  return err;
}
