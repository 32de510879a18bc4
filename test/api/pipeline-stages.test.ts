/**
 * Stages one at a time (Settings → Pipelines) over HTTP on real PostgreSQL: add at a position,
 * rename and move keeping ids and opportunities, remove only empty stages and never the last one,
 * admins only, another location's pipeline or a stage of another pipeline 404; and the location's
 * last pipeline cannot be deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { newContact } from '../helpers/data';
import type { Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let us: ApiClient; // admin of the US location
let staff: ApiClient; // user of the US location
let gb: ApiClient; // admin of the GB location

interface Stage {
  id: string;
  name: string;
  position: number;
}

beforeAll(async () => {
  ({ server, fx, admin: us, staff, stranger: gb } = await standardServer());
});
afterAll(() => server.stop());

async function newPipeline(names = ['Enquiry', 'Consult', 'Treated'], api = us) {
  const res = await api.post('/api/v1/pipelines', { name: `Pipeline ${Math.random().toString(36).slice(2, 7)}`, stages: names.map((name) => ({ name })) });
  expect(res.status).toBe(201);
  return res.body as { id: string; name: string; stages: Stage[] };
}

const names = (p: { stages: Stage[] }) => p.stages.map((s) => s.name);
const positions = (p: { stages: Stage[] }) => p.stages.map((s) => s.position);

describe('stages one at a time', () => {
  it('adds a stage last or at a position, positions kept 0…n-1', async () => {
    const p = await newPipeline();
    const last = await us.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Follow-up' });
    expect(last.status).toBe(201);
    expect(names(last.body)).toEqual(['Enquiry', 'Consult', 'Treated', 'Follow-up']);
    const first = await us.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Lead', position: 0 });
    expect(names(first.body)).toEqual(['Lead', 'Enquiry', 'Consult', 'Treated', 'Follow-up']);
    const far = await us.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Archive', position: 99 });
    expect(names(far.body)).toEqual(['Lead', 'Enquiry', 'Consult', 'Treated', 'Follow-up', 'Archive']);
    expect(positions(far.body)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('refuses a name the pipeline already has (any case) naming the field, and an empty name', async () => {
    const p = await newPipeline();
    const dup = await us.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'consult' });
    expect(dup.status).toBe(422);
    expect(dup.body.error).toMatchObject({ code: 'duplicate_stage_name', details: { fields: [{ field: 'body.name' }] } });
    expect((await us.post(`/api/v1/pipelines/${p.id}/stages`, { name: '  ' })).status).toBe(400);
    const [, consult, treated] = p.stages;
    const renameDup = await us.patch(`/api/v1/pipelines/${p.id}/stages/${treated.id}`, { name: 'CONSULT' });
    expect(renameDup.status).toBe(422);
    // Changing only the case of its own name is fine.
    const sameName = await us.patch(`/api/v1/pipelines/${p.id}/stages/${consult.id}`, { name: 'CONSULT' });
    expect(sameName.status).toBe(200);
    expect(names(sameName.body)).toEqual(['Enquiry', 'CONSULT', 'Treated']);
  });

  it('renames and moves a stage keeping its id and its opportunities', async () => {
    const p = await newPipeline();
    const [enquiry, consult, treated] = p.stages;
    const contact = await newContact(us);
    const opp = await us.post('/api/v1/opportunities', { name: 'Peel', contactId: contact.id, pipelineId: p.id, pipelineStageId: consult.id });
    expect(opp.status).toBe(201);

    const down = await us.patch(`/api/v1/pipelines/${p.id}/stages/${enquiry.id}`, { position: 1 });
    expect(down.status).toBe(200);
    expect(down.body.stages.map((s: Stage) => s.id)).toEqual([consult.id, enquiry.id, treated.id]);
    const both = await us.patch(`/api/v1/pipelines/${p.id}/stages/${consult.id}`, { name: 'Consultation', position: 2 });
    expect(both.body.stages.map((s: Stage) => [s.id, s.name, s.position])).toEqual([
      [enquiry.id, 'Enquiry', 0],
      [treated.id, 'Treated', 1],
      [consult.id, 'Consultation', 2],
    ]);
    const after = await us.get(`/api/v1/opportunities/${opp.body.id}`);
    expect(after.body).toMatchObject({ pipelineStageId: consult.id, stageName: 'Consultation' });
    expect((await us.patch(`/api/v1/pipelines/${p.id}/stages/${consult.id}`, {})).status).toBe(400);
  });

  it('removes an empty stage; refuses one holding opportunities (409 naming it) and the last one', async () => {
    const p = await newPipeline(['Lead', 'Sold']);
    const [lead, sold] = p.stages;
    const contact = await newContact(us);
    const opp = await us.post('/api/v1/opportunities', { name: 'Laser', contactId: contact.id, pipelineId: p.id, pipelineStageId: sold.id });
    const refused = await us.delete(`/api/v1/pipelines/${p.id}/stages/${sold.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'stage_in_use', details: { stages: [{ id: sold.id, name: 'Sold', opportunities: 1 }] } });
    expect(refused.body.error.message).toMatch(/“Sold” still holds 1 opportunity/);

    expect((await us.patch(`/api/v1/opportunities/${opp.body.id}`, { pipelineStageId: lead.id })).status).toBe(200);
    const removed = await us.delete(`/api/v1/pipelines/${p.id}/stages/${sold.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.stages).toEqual([{ id: lead.id, name: 'Lead', position: 0 }]);
    const last = await us.delete(`/api/v1/pipelines/${p.id}/stages/${lead.id}`);
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('last_stage');
  });

  it('keeps concurrent additions: each one lands, none undoes another', async () => {
    const p = await newPipeline(['Start']);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => us.post(`/api/v1/pipelines/${p.id}/stages`, { name: `Step ${i}` })));
    for (const r of results) expect(r.status).toBe(201);
    const final = (await us.get('/api/v1/pipelines')).body.items.find((x: { id: string }) => x.id === p.id);
    expect(final.stages).toHaveLength(7);
    expect(positions(final)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('is for admins only (403 to members)', async () => {
    const p = await newPipeline();
    const s = p.stages[0];
    expect((await staff.post(`/api/v1/pipelines/${p.id}/stages`, { name: 'Nope' })).status).toBe(403);
    expect((await staff.patch(`/api/v1/pipelines/${p.id}/stages/${s.id}`, { name: 'Nope' })).status).toBe(403);
    expect((await staff.delete(`/api/v1/pipelines/${p.id}/stages/${s.id}`)).status).toBe(403);
  });

  it('answers 404 for another location’s pipeline or stage, and for a stage of another pipeline', async () => {
    const mine = await newPipeline();
    const other = await newPipeline();
    const theirs = await newPipeline(['Theirs'], gb);
    const t = theirs.stages[0];
    expect((await us.post(`/api/v1/pipelines/${theirs.id}/stages`, { name: 'Mine' })).status).toBe(404);
    expect((await us.patch(`/api/v1/pipelines/${theirs.id}/stages/${t.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await us.delete(`/api/v1/pipelines/${theirs.id}/stages/${t.id}`)).status).toBe(404);
    expect((await us.patch(`/api/v1/pipelines/${mine.id}/stages/${t.id}`, { name: 'Mine' })).status).toBe(404);
    expect((await us.delete(`/api/v1/pipelines/${mine.id}/stages/${other.stages[0].id}`)).status).toBe(404);
    expect((await gb.get('/api/v1/pipelines')).body.items.find((x: { id: string }) => x.id === theirs.id).stages).toEqual(theirs.stages);
  });
});

describe('deleting pipelines', () => {
  it('keeps the location’s last pipeline (409 last_pipeline)', async () => {
    // A location of its own, so the count is known: the default pipeline and one more.
    const r = await server.pool.query(`INSERT INTO locations (name, country, timezone) VALUES ('Solo', 'US', 'America/New_York') RETURNING id`);
    await server.pool.query(`INSERT INTO memberships (location_id, user_id, role) VALUES ($1, $2, 'admin')`, [r.rows[0].id, fx.admin.id]);
    expect((await us.put('/api/v1/me/location', { locationId: r.rows[0].id })).status).toBe(200);
    try {
      const [only] = (await us.get('/api/v1/pipelines')).body.items;
      const last = await us.delete(`/api/v1/pipelines/${only.id}`);
      expect(last.status).toBe(409);
      expect(last.body.error).toMatchObject({ code: 'last_pipeline', message: expect.stringMatching(/only pipeline/) });
      const second = await newPipeline(['One']);
      expect((await us.delete(`/api/v1/pipelines/${only.id}`)).status).toBe(200);
      expect((await us.delete(`/api/v1/pipelines/${second.id}`)).status).toBe(409);
      expect((await us.get('/api/v1/pipelines')).body.items.map((p: { id: string }) => p.id)).toEqual([second.id]);
    } finally {
      await us.put('/api/v1/me/location', { locationId: fx.locationId });
    }
  });
});
