import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, type Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let us: ApiClient; // a user of the US location
let gb: ApiClient; // a user of the GB location

beforeAll(async () => {
  ({ server, fx, admin: us, stranger: gb } = await standardServer());
});
afterAll(() => server.stop());

describe('phone normalization', () => {
  it.each([
    ['(212) 867-5309', '+12128675309'],
    ['212.867.5310', '+12128675310'],
    ['+1 646 555 0199', '+16465550199'],
    ['1-917-555-0143', '+19175550143'],
    ['011 44 7700 900124', '+447700900124'],
  ])('US location reads %s as %s', async (input, e164) => {
    const res = await us.post('/api/v1/contacts', { name: `Norm ${input}`, phone: input });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe(e164);
  });

  it('reads national numbers with the location country (GB)', async () => {
    const res = await gb.post('/api/v1/contacts', { name: 'Harriet Cole', phone: '07700 900123' });
    expect(res.status).toBe(201);
    expect(res.body.phone).toBe('+447700900123');
    expect(res.body).toMatchObject({ firstName: 'Harriet', lastName: 'Cole', name: 'Harriet Cole' });
  });

  it('refuses a number that cannot be a phone, naming the field', async () => {
    const res = await us.post('/api/v1/contacts', { name: 'Bad Phone', phone: '12' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body\.phone/);
  });
});

describe('duplicates', () => {
  it('refuses the same phone in another format with 409 naming the existing contact', async () => {
    const first = await us.post('/api/v1/contacts', { firstName: 'Maya', lastName: 'Lopez', phone: '+1 201 555 0111' });
    expect(first.status).toBe(201);
    const dup = await us.post('/api/v1/contacts', { name: 'Someone Else', phone: '(201) 555-0111' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('duplicate_contact');
    expect(dup.body.error.message).toContain('Maya Lopez');
    expect(dup.body.error.details).toMatchObject({ field: 'phone', existingContactId: first.body.id });
  });

  it('refuses the same e-mail whatever its case, also as an additional address and on update', async () => {
    const first = await us.post('/api/v1/contacts', { name: 'Eva Stone', email: 'eva.stone@example.com' });
    expect((await us.post('/api/v1/contacts', { name: 'Eva 2', email: 'EVA.Stone@Example.com' })).status).toBe(409);
    expect((await us.post('/api/v1/contacts', { name: 'Eva 3', additionalEmails: ['eva.stone@example.com'] })).status).toBe(409);
    const other = await us.post('/api/v1/contacts', { name: 'Eli Moss', email: 'eli@example.com' });
    const patch = await us.patch(`/api/v1/contacts/${other.body.id}`, { email: 'eva.stone@example.com' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.details.existingContactId).toBe(first.body.id);
  });

  it('allows the same phone in another location', async () => {
    await us.post('/api/v1/contacts', { name: 'Twin One', phone: '+447700900555' });
    const res = await gb.post('/api/v1/contacts', { name: 'Twin Two', phone: '07700 900555' });
    expect(res.status).toBe(201);
  });

  it('lets exactly one of 10 simultaneous creates with one phone win', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => us.post('/api/v1/contacts', { name: `Racer ${i}`, phone: '+12015550177' })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(9);
    const r = await server.pool.query(`SELECT count(*)::int AS n FROM contacts WHERE phone = '+12015550177'`);
    expect(r.rows[0].n).toBe(1);
  });
});

describe('CRUD', () => {
  it('creates, reads, updates (DND merge, tags) and deletes a contact', async () => {
    const created = await us.post('/api/v1/contacts', { firstName: 'Lena', lastName: 'Park', email: 'lena@example.org', tags: ['vip', 'vip', 'botox'] });
    expect(created.status).toBe(201);
    const c = created.body;
    expect(c.tags).toEqual(['vip', 'botox']);
    expect(c.dndSettings.SMS).toEqual({ status: 'inactive' });
    expect(c.dnd).toBe(false);

    const got = await us.get(`/api/v1/contacts/${c.id}`);
    expect(got.body).toEqual(c);

    const p1 = await us.patch(`/api/v1/contacts/${c.id}`, { dndSettings: { SMS: { status: 'active' } } });
    expect(p1.body.dndSettings.SMS.status).toBe('active');
    const p2 = await us.patch(`/api/v1/contacts/${c.id}`, { dndSettings: { Email: { status: 'active' } }, lastName: 'Park-Lee' });
    expect(p2.body.dndSettings.SMS.status).toBe('active'); // kept
    expect(p2.body.dndSettings.Email.status).toBe('active');
    expect(p2.body.name).toBe('Lena Park-Lee');

    const bad = await us.patch(`/api/v1/contacts/${c.id}`, { dndSettings: { SMS: { status: 'sometimes' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('body.dndSettings.SMS.status');

    expect((await us.delete(`/api/v1/contacts/${c.id}`)).status).toBe(200);
    expect((await us.get(`/api/v1/contacts/${c.id}`)).status).toBe(404);
  });

  it('never deletes invoices and payments with a contact: refused, naming them', async () => {
    const c = (await us.post('/api/v1/contacts', { firstName: 'Ivy', lastName: 'Ledger', email: 'ivy@example.org' })).body;
    const inv = await us.post('/api/v1/invoices', { contactId: c.id, items: [{ name: 'Peel', quantity: 1, unitPrice: 15000, taxRate: 0 }] });
    expect(inv.status).toBe(201);
    const del = await us.delete(`/api/v1/contacts/${c.id}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('contact_has_invoices');
    expect(del.body.error.message).toContain(inv.body.number);
    expect((await us.get(`/api/v1/invoices/${inv.body.id}`)).status).toBe(200);
    expect((await us.get(`/api/v1/contacts/${c.id}`)).status).toBe(200);
    // The database refuses too, whatever path a delete takes.
    await expect(server.pool.query('DELETE FROM contacts WHERE id = $1', [c.id])).rejects.toMatchObject({ code: '23503' });
  });

  it('needs at least a name, phone or e-mail', async () => {
    const res = await us.post('/api/v1/contacts', { tags: ['x'] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('lists newest first with cursor pagination and finds by partial name, e-mail or phone digits', async () => {
    const loc = (await server.pool.query(`INSERT INTO locations (name) VALUES ('List test') RETURNING id`)).rows[0].id;
    const u = await createUser(server.pool, 'lister@test.local', 'Lister', [[loc, 'admin']]);
    const api = await ApiClient.signedIn(server.url, u);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await api.post('/api/v1/contacts', { name: `Page Person${i}`, phone: `+1917555010${i}` })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: any = await api.get(`/api/v1/contacts?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: any) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());

    expect((await api.get('/api/v1/contacts?q=person3')).body.items.map((c: any) => c.id)).toEqual([ids[3]]);
    expect((await api.get('/api/v1/contacts?q=(917) 555-0105')).body.items.map((c: any) => c.id)).toEqual([ids[5]]);
    const badCursor = await api.get('/api/v1/contacts?cursor=garbage');
    expect(badCursor.status).toBe(400);
  });
});
