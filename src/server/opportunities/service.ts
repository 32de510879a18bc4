/**
 * Opportunities: create, change, delete and list, scoped to the caller's location. Each write
 * runs in one transaction with its Activity Card in the contact's conversation and its event.
 */
import type { Opportunity, OpportunityCreate, OpportunityListQuery, OpportunityPatch } from '#shared/opportunities';
import type { Pool, Queryable } from '../db/pool';
import { withTx } from '../db/tx';
import { actorOf } from '../activity/record';
import { decodeKeyset, page } from '../http/cursor';
import { notFound } from '../http/errors';
import type { AuthContext } from '../http/types';
import { cardCreated, cardDeleted, cardUpdated } from './activity';
import {
  assertMember,
  fromForeignKey,
  loadOpportunity,
  lostReasonRequired,
  memberNames,
  OPPORTUNITY_SELECT,
  stageOf,
  toOpportunity,
} from './queries';
import { visibleContactsSql } from '../contacts/access';

/** The currency a location's money defaults to, by its country. */
export function defaultCurrency(country: string): string {
  return country === 'GB' ? 'GBP' : 'USD';
}

async function rethrowing<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw fromForeignKey(err);
  }
}

export async function createOpportunity(pool: Pool, auth: AuthContext, input: OpportunityCreate): Promise<Opportunity> {
  const { locationId } = auth;
  return rethrowing(() =>
    withTx(pool, async (tx) => {
      const c = await tx.query<{ country: string }>(
        `SELECT l.country FROM contacts c JOIN locations l ON l.id = c.location_id WHERE c.location_id = $1 AND c.id = $2`,
        [locationId, input.contactId],
      );
      if (!c.rows[0]) throw notFound('Contact');
      await stageOf(tx, locationId, input.pipelineId, input.pipelineStageId);
      if (input.assignedTo) await assertMember(tx, locationId, input.assignedTo);
      const r = await tx.query<{ id: string }>(
        `INSERT INTO opportunities (location_id, contact_id, pipeline_id, pipeline_stage_id, name, monetary_value, currency,
                                    status, lost_reason, assigned_to, source, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          locationId,
          input.contactId,
          input.pipelineId,
          input.pipelineStageId,
          input.name,
          input.monetaryValue,
          input.currency ?? defaultCurrency(c.rows[0].country.trim()),
          input.status,
          input.status === 'lost' ? input.lostReason : null,
          input.assignedTo ?? null,
          input.source || null,
          auth.userId,
        ],
      );
      const o = await loadOpportunity(tx, locationId, r.rows[0].id);
      const names = await memberNames(tx, [o.assignedTo]);
      await cardCreated(tx, locationId, o, await actorOf(tx, auth), o.assignedTo ? (names.get(o.assignedTo) ?? null) : null);
      tx.emit({ locationId, type: 'opportunity.created', data: o });
      return o;
    }),
  );
}

export const getOpportunity = (db: Queryable, locationId: string, id: string) => loadOpportunity(db, locationId, id);

/** The opportunity after the patch, before names are looked up; null when nothing would change. */
function merged(before: Opportunity, p: OpportunityPatch): Opportunity | null {
  const status = p.status ?? before.status;
  const next: Opportunity = {
    ...before,
    name: p.name ?? before.name,
    pipelineId: p.pipelineId ?? before.pipelineId,
    pipelineStageId: p.pipelineStageId ?? before.pipelineStageId,
    monetaryValue: p.monetaryValue ?? before.monetaryValue,
    currency: p.currency ?? before.currency,
    status,
    // Only a lost opportunity has a reason: leaving lost clears it.
    lostReason: status === 'lost' ? (p.lostReason !== undefined ? p.lostReason || null : before.lostReason) : null,
    assignedTo: p.assignedTo !== undefined ? p.assignedTo : before.assignedTo,
    source: p.source !== undefined ? p.source || null : before.source,
  };
  const fields = ['name', 'pipelineId', 'pipelineStageId', 'monetaryValue', 'currency', 'status', 'lostReason', 'assignedTo', 'source'] as const;
  return fields.some((f) => next[f] !== before[f]) ? next : null;
}

export async function updateOpportunity(pool: Pool, auth: AuthContext, id: string, patch: OpportunityPatch): Promise<Opportunity> {
  const { locationId } = auth;
  return rethrowing(() =>
    withTx(pool, async (tx) => {
      const before = await loadOpportunity(tx, locationId, id, true);
      const next = merged(before, patch);
      if (!next) return before;
      if (next.status === 'lost' && !next.lostReason) throw lostReasonRequired();
      if (next.pipelineId !== before.pipelineId || next.pipelineStageId !== before.pipelineStageId) {
        await stageOf(tx, locationId, next.pipelineId, next.pipelineStageId);
      }
      if (next.assignedTo && next.assignedTo !== before.assignedTo) await assertMember(tx, locationId, next.assignedTo);
      await tx.query(
        `UPDATE opportunities SET name = $3, pipeline_id = $4, pipeline_stage_id = $5, monetary_value = $6, currency = $7,
                status = $8, lost_reason = $9, assigned_to = $10, source = $11, updated_at = now()
          WHERE location_id = $1 AND id = $2`,
        [locationId, id, next.name, next.pipelineId, next.pipelineStageId, next.monetaryValue, next.currency, next.status, next.lostReason, next.assignedTo, next.source],
      );
      const after = await loadOpportunity(tx, locationId, id);
      const names = await memberNames(tx, [before.assignedTo, after.assignedTo]);
      await cardUpdated(tx, locationId, before, after, await actorOf(tx, auth), names);
      tx.emit({ locationId, type: 'opportunity.updated', data: after });
      return after;
    }),
  );
}

export async function deleteOpportunity(pool: Pool, auth: AuthContext, id: string): Promise<void> {
  const { locationId } = auth;
  await withTx(pool, async (tx) => {
    const o = await loadOpportunity(tx, locationId, id, true);
    await tx.query('DELETE FROM opportunities WHERE location_id = $1 AND id = $2', [locationId, id]);
    const names = await memberNames(tx, [o.assignedTo]);
    await cardDeleted(tx, locationId, o, await actorOf(tx, auth), o.assignedTo ? (names.get(o.assignedTo) ?? null) : null);
    tx.emit({ locationId, type: 'opportunity.deleted', data: o });
  });
}

/** Newest first, keyset-paginated; filters by contact, pipeline and status. */
export async function listOpportunities(db: Queryable, locationId: string, q: OpportunityListQuery, visibleTo: string | null = null) {
  const values: unknown[] = [locationId, q.limit + 1];
  const where = ['o.location_id = $1'];
  const param = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  if (q.contactId) where.push(`o.contact_id = ${param(q.contactId)}`);
  if (q.pipelineId) where.push(`o.pipeline_id = ${param(q.pipelineId)}`);
  if (q.status) where.push(`o.status = ${param(q.status)}`);
  if (visibleTo) where.push(visibleContactsSql('o.contact_id', param(visibleTo)));
  const after = decodeKeyset(q.cursor);
  if (after) where.push(`(o.created_at, o.id) < (${param(after.k)}::timestamptz, ${param(after.id)}::uuid)`);
  const r = await db.query(`${OPPORTUNITY_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT $2`, values);
  return page(r.rows, q.limit, toOpportunity);
}
