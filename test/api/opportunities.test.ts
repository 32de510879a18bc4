/**
 * Pipelines and opportunities over HTTP on real PostgreSQL: the default pipeline, stage rules,
 * lost reasons, tenancy, and the Activity Cards every change writes into the contact's thread.
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
let pipeline: { id: string; name: string; stages: { id: string; name: string }[] };

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!.id;

async function createOpp(body: Record<string, unknown> = {}, api = us) {
  const contactId = (body.contactId as string) ?? (await newContact(api)).id;
  const res = await api.post('/api/v1/opportunities', {
    name: 'Lip filler package',
    contactId,
    pipelineId: pipeline.id,
    pipelineStageId: stage('Consultation Booked'),
    monetaryValue: 65000,
    ...body,
  });
  if (res.status !== 201) throw new Error(`opportunity: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The contact's thread, newest first. */
async function thread(contactId: string, api = us) {
  const r = await server.pool.query('SELECT id FROM conversations WHERE contact_id = $1', [contactId]);
  const res = await api.get(`/api/v1/conversations/${r.rows[0].id}/messages?limit=50`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

beforeAll(async () => {
  ({ server, fx, admin: us, staff, stranger: gb } = await standardServer());
  const res = await us.get('/api/v1/pipelines');
  pipeline = res.body.items[0];
});
afterAll(() => server.stop());

describe('pipelines', () => {
  it('gives a location one default pipeline on its first read, even when read concurrently', async () => {
    const reads = await Promise.all(Array.from({ length: 8 }, () => gb.get('/api/v1/pipelines')));
    for (const r of reads) expect(r.status).toBe(200);
    const n = await server.pool.query('SELECT count(*)::int AS n FROM pipelines WHERE location_id = $1', [fx.otherLocationId]);
    expect(n.rows[0].n).toBe(1);
    const p = reads[0].body.items[0];
    expect(p.name).toBe('Sales Pipeline');
    expect(p.stages.map((s: any) => s.name)).toEqual(['New Lead', 'Consultation Booked', 'Treatment Plan Sent', 'Won', 'Lost']);
    expect(p.stages.map((s: any) => s.position)).toEqual([0, 1, 2, 3, 4]);
    expect(pipeline.stages).toHaveLength(5);
  });

  it('lets admins create, reorder and rename stages (ids kept), and refuses members', async () => {
    expect((await staff.post('/api/v1/pipelines', { name: 'Nope', stages: [{ name: 'A' }] })).status).toBe(403);
    const created = await us.post('/api/v1/pipelines', { name: 'Botox', stages: [{ name: 'Enquiry' }, { name: 'Booked' }, { name: 'Done' }] });
    expect(created.status).toBe(201);
    const [a, b, c] = created.body.stages;
    const patched = await us.patch(`/api/v1/pipelines/${created.body.id}`, {
      name: 'Botox & fillers',
      stages: [{ id: c.id, name: 'Treated' }, { id: a.id, name: 'Enquiry' }, { name: 'Follow-up' }],
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Botox & fillers');
    expect(patched.body.stages.map((s: any) => [s.id, s.name])).toEqual([
      [c.id, 'Treated'],
      [a.id, 'Enquiry'],
      [expect.any(String), 'Follow-up'],
    ]);
    expect(patched.body.stages.some((s: any) => s.id === b.id)).toBe(false);
    expect((await staff.patch(`/api/v1/pipelines/${created.body.id}`, { name: 'x' })).status).toBe(403);
    const dupNames = await us.patch(`/api/v1/pipelines/${created.body.id}`, { stages: [{ name: 'A' }, { name: 'a' }] });
    expect(dupNames.status).toBe(400);
    const foreign = await us.patch(`/api/v1/pipelines/${created.body.id}`, { stages: [{ id: stage('Won'), name: 'Won' }] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.message).toMatch(/^body\.stages\.0\.id/);
  });

  it('refuses removing a stage or deleting a pipeline that holds opportunities (409), then allows it', async () => {
    const p = (await us.post('/api/v1/pipelines', { name: 'Laser', stages: [{ name: 'Lead' }, { name: 'Course sold' }] })).body;
    const [lead, sold] = p.stages;
    const opp = await createOpp({ pipelineId: p.id, pipelineStageId: sold.id, name: 'Laser course' });
    const removeStage = await us.patch(`/api/v1/pipelines/${p.id}`, { stages: [{ id: lead.id, name: 'Lead' }] });
    expect(removeStage.status).toBe(409);
    expect(removeStage.body.error).toMatchObject({ code: 'stage_in_use', details: { stages: [{ id: sold.id, name: 'Course sold', opportunities: 1 }] } });
    const del = await us.delete(`/api/v1/pipelines/${p.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('pipeline_in_use');

    expect((await us.patch(`/api/v1/opportunities/${opp.id}`, { pipelineStageId: lead.id })).status).toBe(200);
    expect((await us.patch(`/api/v1/pipelines/${p.id}`, { stages: [{ id: lead.id, name: 'Lead' }] })).status).toBe(200);
    expect((await us.delete(`/api/v1/opportunities/${opp.id}`)).status).toBe(200);
    expect((await staff.delete(`/api/v1/pipelines/${p.id}`)).status).toBe(403);
    expect((await us.delete(`/api/v1/pipelines/${p.id}`)).status).toBe(200);
    expect((await us.get('/api/v1/pipelines')).body.items.some((x: any) => x.id === p.id)).toBe(false);
  });

  it('answers 404 for another location’s pipeline', async () => {
    const theirs = (await gb.get('/api/v1/pipelines')).body.items[0];
    expect((await us.patch(`/api/v1/pipelines/${theirs.id}`, { name: 'Mine now' })).status).toBe(404);
    expect((await us.delete(`/api/v1/pipelines/${theirs.id}`)).status).toBe(404);
  });
});

describe('opportunities', () => {
  it('creates, reads, changes and deletes, with names for display and the location’s currency', async () => {
    const contact = await newContact(us);
    const created = await createOpp({ contactId: contact.id, assignedTo: fx.staff.id, source: 'Instagram' }, staff);
    expect(created).toMatchObject({
      name: 'Lip filler package',
      contactId: contact.id,
      pipelineId: pipeline.id,
      pipelineName: 'Sales Pipeline',
      stageName: 'Consultation Booked',
      monetaryValue: 65000,
      currency: 'USD',
      status: 'open',
      lostReason: null,
      assignedTo: fx.staff.id,
      source: 'Instagram',
      createdBy: fx.staff.id,
    });
    expect((await us.get(`/api/v1/opportunities/${created.id}`)).body).toEqual(created);

    const moved = await us.patch(`/api/v1/opportunities/${created.id}`, { pipelineStageId: stage('Treatment Plan Sent'), monetaryValue: 80050, currency: 'eur' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stageName: 'Treatment Plan Sent', monetaryValue: 80050, currency: 'EUR' });

    expect((await us.delete(`/api/v1/opportunities/${created.id}`)).status).toBe(200);
    expect((await us.get(`/api/v1/opportunities/${created.id}`)).status).toBe(404);
    expect((await us.delete(`/api/v1/opportunities/${created.id}`)).status).toBe(404);
  });

  it('defaults the currency of a GB location to GBP', async () => {
    const p = (await gb.get('/api/v1/pipelines')).body.items[0];
    const contact = await newContact(gb);
    const res = await gb.post('/api/v1/opportunities', { name: 'Skin peel', contactId: contact.id, pipelineId: p.id, pipelineStageId: p.stages[0].id, monetaryValue: 12000 });
    expect(res.status).toBe(201);
    expect(res.body.currency).toBe('GBP');
  });

  it('lists newest first with a cursor, filtered by contact, pipeline and status', async () => {
    const contact = await newContact(us);
    const made = [];
    for (const name of ['One', 'Two', 'Three']) made.push(await createOpp({ contactId: contact.id, name }));
    await us.patch(`/api/v1/opportunities/${made[0].id}`, { status: 'won' });
    const first = await us.get(`/api/v1/opportunities?contactId=${contact.id}&limit=2`);
    expect(first.body.items.map((o: any) => o.name)).toEqual(['Three', 'Two']);
    const second = await us.get(`/api/v1/opportunities?contactId=${contact.id}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items.map((o: any) => o.name)).toEqual(['One']);
    expect(second.body.nextCursor).toBeNull();
    const won = await us.get(`/api/v1/opportunities?contactId=${contact.id}&status=won`);
    expect(won.body.items.map((o: any) => o.id)).toEqual([made[0].id]);
    const byPipeline = await us.get(`/api/v1/opportunities?pipelineId=${pipeline.id}&limit=100`);
    expect(byPipeline.body.items.every((o: any) => o.pipelineId === pipeline.id)).toBe(true);
    expect((await us.get('/api/v1/opportunities?cursor=bogus')).status).toBe(400);
    expect((await us.get('/api/v1/opportunities?status=maybe')).status).toBe(400);
  });

  it('refuses a stage of another pipeline, a pipeline of another location and a stranger as owner (422)', async () => {
    const other = (await us.post('/api/v1/pipelines', { name: 'Other', stages: [{ name: 'X' }] })).body;
    const contact = await newContact(us);
    const base = { name: 'Mismatch', contactId: contact.id, pipelineId: pipeline.id, monetaryValue: 100 };
    const wrongStage = await us.post('/api/v1/opportunities', { ...base, pipelineStageId: other.stages[0].id });
    expect(wrongStage.status).toBe(422);
    expect(wrongStage.body.error).toMatchObject({ code: 'invalid_stage', details: { fields: [{ field: 'body.pipelineStageId' }] } });

    const theirs = (await gb.get('/api/v1/pipelines')).body.items[0];
    const foreign = await us.post('/api/v1/opportunities', { ...base, pipelineId: theirs.id, pipelineStageId: theirs.stages[0].id });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('invalid_pipeline');

    const stranger = await us.post('/api/v1/opportunities', { ...base, pipelineStageId: stage('New Lead'), assignedTo: fx.stranger.id });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error).toMatchObject({ code: 'invalid_owner', details: { fields: [{ field: 'body.assignedTo' }] } });

    const opp = await createOpp({ contactId: contact.id });
    const move = await us.patch(`/api/v1/opportunities/${opp.id}`, { pipelineId: other.id });
    expect(move.status).toBe(422);
    expect(move.body.error.code).toBe('invalid_stage');
    const moved = await us.patch(`/api/v1/opportunities/${opp.id}`, { pipelineId: other.id, pipelineStageId: other.stages[0].id });
    expect(moved.body).toMatchObject({ pipelineName: 'Other', stageName: 'X' });
    expect((await us.patch(`/api/v1/opportunities/${opp.id}`, { assignedTo: fx.stranger.id })).status).toBe(422);
  });

  it('validates money: minor units ≥ 0 and an ISO 4217 currency', async () => {
    const contact = await newContact(us);
    const base = { name: 'Money', contactId: contact.id, pipelineId: pipeline.id, pipelineStageId: stage('New Lead') };
    const negative = await us.post('/api/v1/opportunities', { ...base, monetaryValue: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.error.message).toMatch(/^body\.monetaryValue/);
    expect((await us.post('/api/v1/opportunities', { ...base, monetaryValue: 10.5 })).status).toBe(400);
    const currency = await us.post('/api/v1/opportunities', { ...base, monetaryValue: 100, currency: 'XYZ' });
    expect(currency.status).toBe(400);
    expect(currency.body.error.message).toMatch(/^body\.currency/);
  });

  it('needs a lost reason when the status is lost, and clears it when reopened', async () => {
    const contact = await newContact(us);
    const noReason = await us.post('/api/v1/opportunities', { name: 'Lost one', contactId: contact.id, pipelineId: pipeline.id, pipelineStageId: stage('Lost'), status: 'lost' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^body\.lostReason/);

    const opp = await createOpp({ contactId: contact.id });
    const patchNoReason = await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'lost' });
    expect(patchNoReason.status).toBe(400);
    expect(patchNoReason.body.error).toMatchObject({ code: 'validation_failed', details: { fields: [{ field: 'body.lostReason' }] } });
    expect((await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'lost', lostReason: '  ' })).status).toBe(400);

    const lost = await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'lost', lostReason: 'Chose another clinic' });
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'Chose another clinic' });
    // Still lost: other changes keep the reason.
    expect((await us.patch(`/api/v1/opportunities/${opp.id}`, { monetaryValue: 1 })).body.lostReason).toBe('Chose another clinic');
    const reopened = await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'open' });
    expect(reopened.body).toMatchObject({ status: 'open', lostReason: null });
    expect((await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'abandoned' })).body.status).toBe('abandoned');
  });

  it('answers 404 to another location for get, patch, delete and create, and filters it out of lists', async () => {
    const contact = await newContact(us);
    const opp = await createOpp({ contactId: contact.id });
    expect((await gb.get(`/api/v1/opportunities/${opp.id}`)).status).toBe(404);
    expect((await gb.patch(`/api/v1/opportunities/${opp.id}`, { name: 'Stolen' })).status).toBe(404);
    expect((await gb.delete(`/api/v1/opportunities/${opp.id}`)).status).toBe(404);
    const theirs = (await gb.get('/api/v1/pipelines')).body.items[0];
    const create = await gb.post('/api/v1/opportunities', { name: 'Theirs', contactId: contact.id, pipelineId: theirs.id, pipelineStageId: theirs.stages[0].id });
    expect(create.status).toBe(404);
    const list = await gb.get(`/api/v1/opportunities?contactId=${contact.id}`);
    expect(list.body.items).toEqual([]);
    expect((await gb.get('/api/v1/opportunities?limit=100')).body.items.some((o: any) => o.id === opp.id)).toBe(false);
    expect((await us.get(`/api/v1/opportunities/${opp.id}`)).body.name).toBe('Lip filler package');
  });
});

describe('activity cards', () => {
  it('writes a card for create, update (before → after) and delete, in the thread and live', async () => {
    const contact = await newContact(us);
    const socket = await staff.socket();
    await socket.ready();

    const opp = await createOpp({ contactId: contact.id, assignedTo: fx.admin.id });
    let items = await thread(contact.id);
    expect(items[0]).toMatchObject({
      messageType: 'TYPE_ACTIVITY_OPPORTUNITY',
      body: 'Opportunity created: Lip filler package — $650, Consultation Booked',
      userId: fx.admin.id,
      meta: {
        action: 'created',
        record: { type: 'opportunity', id: opp.id },
        actor: { type: 'user', id: fx.admin.id, name: 'Ada Admin' },
        details: { name: 'Lip filler package', stageName: 'Consultation Booked', value: '$650', owner: 'Ada Admin' },
      },
    });
    await socket.waitFor((f) => f.some((x) => x.type === 'opportunity.created' && x.data.id === opp.id));
    await socket.waitFor((f) => f.some((x) => x.type === 'message.created' && x.data.meta?.record?.id === opp.id));

    const changed = await staff.patch(`/api/v1/opportunities/${opp.id}`, {
      pipelineStageId: stage('Treatment Plan Sent'),
      monetaryValue: 80000,
      assignedTo: fx.staff.id,
    });
    expect(changed.status).toBe(200);
    items = await thread(contact.id);
    expect(items[0]).toMatchObject({
      body: 'Opportunity moved to Treatment Plan Sent: Lip filler package',
      meta: {
        action: 'updated',
        actor: { type: 'user', name: 'Sam Staff' },
        changes: {
          stage: { from: 'Consultation Booked', to: 'Treatment Plan Sent' },
          value: { from: '$650', to: '$800' },
          owner: { from: 'Ada Admin', to: 'Sam Staff' },
        },
      },
    });
    expect(Object.keys(items[0].meta.changes).sort()).toEqual(['owner', 'stage', 'value']);
    await socket.waitFor((f) => f.some((x) => x.type === 'opportunity.updated' && x.data.stageName === 'Treatment Plan Sent'));

    await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'lost', lostReason: 'Price' });
    items = await thread(contact.id);
    expect(items[0]).toMatchObject({
      body: 'Opportunity lost: Lip filler package — Price',
      meta: { changes: { status: { from: 'Open', to: 'Lost' } } },
    });
    expect(Object.keys(items[0].meta.changes)).toEqual(['status']);
    await us.patch(`/api/v1/opportunities/${opp.id}`, { lostReason: 'Too pricey' });
    items = await thread(contact.id);
    expect(items[0]).toMatchObject({
      body: 'Opportunity updated: Lip filler package',
      meta: { changes: { 'Lost reason': { from: 'Price', to: 'Too pricey' } } },
    });

    // A patch that changes nothing writes no card.
    const count = items.length;
    await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'lost', monetaryValue: 80000 });
    expect(await thread(contact.id)).toHaveLength(count);

    expect((await us.delete(`/api/v1/opportunities/${opp.id}`)).status).toBe(200);
    items = await thread(contact.id);
    expect(items[0]).toMatchObject({
      body: 'Opportunity deleted: Lip filler package — $800, Treatment Plan Sent',
      meta: {
        action: 'deleted',
        record: { type: 'opportunity', id: opp.id },
        details: { name: 'Lip filler package', status: 'lost', lostReason: 'Too pricey', value: '$800', owner: 'Sam Staff' },
      },
    });
    await socket.waitFor((f) => f.some((x) => x.type === 'opportunity.deleted' && x.data.id === opp.id));
    await socket.close();
  });

  it('keeps the cards of a deleted opportunity, with its record id, whose record then answers 404', async () => {
    const contact = await newContact(us);
    const opp = await createOpp({ contactId: contact.id });
    await us.patch(`/api/v1/opportunities/${opp.id}`, { status: 'won' });
    await us.delete(`/api/v1/opportunities/${opp.id}`);
    const cards = (await thread(contact.id)).filter((m) => m.messageType === 'TYPE_ACTIVITY_OPPORTUNITY');
    expect(cards.map((c) => c.meta.action)).toEqual(['deleted', 'updated', 'created']);
    expect(cards[1].body).toBe('Opportunity won: Lip filler package — $650');
    for (const card of cards) {
      expect(card.meta.record).toEqual({ type: 'opportunity', id: opp.id });
      expect((await us.get(`/api/v1/opportunities/${card.meta.record.id}`)).status).toBe(404);
    }
  });

  it('names the API as the actor when an API key acts', async () => {
    const key = await us.post('/api/v1/api-keys', { name: 'CRM sync' });
    expect(key.status).toBe(201);
    const api = ApiClient.withKey(server.url, key.body.key);
    const contact = await newContact(us);
    const opp = await createOpp({ contactId: contact.id }, api);
    expect(opp.createdBy).toBeNull();
    const [card] = await thread(contact.id);
    expect(card.meta.actor).toEqual({ type: 'system', id: null, name: 'API' });
    expect(card.userId).toBeNull();
  });
});
