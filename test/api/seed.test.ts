import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../../src/shared/messages';
import { seedDemo } from '../../src/server/seed/demo';
import { ApiClient } from '../helpers/client';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
const quiet = { info: () => {} };

beforeAll(async () => {
  server = await startTestServer({ SEED_DEMO: 'true' });
});
afterAll(() => server.stop());

describe('demo data', () => {
  it('creates the two clinics with their timezones and countries', async () => {
    const r = await server.pool.query('SELECT name, timezone, country FROM locations ORDER BY name');
    expect(r.rows).toEqual([
      { name: 'Glow Aesthetics Clinic', timezone: 'America/New_York', country: 'US' },
      { name: 'Radiance Med Spa', timezone: 'Europe/London', country: 'GB' },
    ]);
  });

  it('lets the three demo users in with their documented access', async () => {
    const admin = await ApiClient.signedIn(server.url, { email: 'admin@demo.local', password: 'demo-admin-1' });
    const me = (await admin.get('/api/v1/me')).body;
    expect(me.user.role).toBe('admin');
    expect(me.locations.map((l: any) => l.name).sort()).toEqual(['Glow Aesthetics Clinic', 'Radiance Med Spa']);
    const staff = (await (await ApiClient.signedIn(server.url, { email: 'staff@demo.local', password: 'demo-staff-1' })).get('/api/v1/me')).body;
    expect(staff.user.role).toBe('user');
    expect(staff.locations.map((l: any) => l.name)).toEqual(['Glow Aesthetics Clinic']);
    const owner = (await (await ApiClient.signedIn(server.url, { email: 'owner@radiance.local', password: 'demo-owner-1' })).get('/api/v1/me')).body;
    expect(owner.locations.map((l: any) => [l.name, l.role])).toEqual([['Radiance Med Spa', 'admin']]);
  });

  it('fills each clinic with ~60 contacts and conversations using every item type', async () => {
    const r = await server.pool.query(`
      SELECT l.name,
             (SELECT count(*) FROM contacts c WHERE c.location_id = l.id)::int AS contacts,
             (SELECT count(*) FROM conversations c WHERE c.location_id = l.id AND c.unread_count > 0)::int AS unread,
             (SELECT count(*) FROM conversations c WHERE c.location_id = l.id AND c.starred)::int AS starred,
             (SELECT count(*) FROM conversations c WHERE c.location_id = l.id AND c.assigned_to IS NOT NULL)::int AS assigned,
             (SELECT array_agg(DISTINCT m.message_type) FROM messages m WHERE m.location_id = l.id) AS types,
             (SELECT min(m.created_at) > now() - interval '31 days' FROM messages m WHERE m.location_id = l.id) AS recent
        FROM locations l`);
    for (const row of r.rows) {
      expect(row.contacts, row.name).toBeGreaterThanOrEqual(55);
      expect(row.unread).toBeGreaterThan(5);
      expect(row.starred).toBeGreaterThan(2);
      expect(row.assigned).toBeGreaterThan(5);
      expect([...row.types].sort()).toEqual([...MESSAGE_TYPES].sort());
      expect(row.recent).toBe(true);
    }
    const phones = await server.pool.query(`SELECT count(*)::int AS n FROM contacts WHERE phone IS NOT NULL AND phone !~ '^\\+[1-9][0-9]{7,14}$'`);
    expect(phones.rows[0].n).toBe(0);
  });

  it('gives each clinic shared snippets in folders, whose merge fields all exist', async () => {
    const staff = await ApiClient.signedIn(server.url, { email: 'staff@demo.local', password: 'demo-staff-1' });
    const snippets = (await staff.get('/api/v1/snippets')).body.items;
    expect(snippets.length).toBeGreaterThanOrEqual(5);
    expect(snippets.every((s: any) => !s.personal)).toBe(true);
    expect(snippets.some((s: any) => s.kind === 'email' && s.subject)).toBe(true);
    expect((await staff.get('/api/v1/snippets/folders')).body.items.map((f: any) => f.name)).toEqual(['Aftercare', 'Billing', 'Booking']);
    // Every one of them could be saved again through the API (no unknown merge field).
    const admin = await ApiClient.signedIn(server.url, { email: 'admin@demo.local', password: 'demo-admin-1' });
    for (const s of snippets) {
      const res = await admin.post('/api/v1/snippets', { kind: s.kind, name: `${s.name} (copy)`, subject: s.subject, body: s.body, folder: s.folder });
      expect(res.status, s.name).toBe(201);
      await admin.delete(`/api/v1/snippets/${res.body.id}`);
    }
  });

  it('is idempotent', async () => {
    const before = await server.pool.query('SELECT (SELECT count(*) FROM messages)::int AS m, (SELECT count(*) FROM users)::int AS u');
    await seedDemo(server.pool, quiet);
    const after = await server.pool.query('SELECT (SELECT count(*) FROM messages)::int AS m, (SELECT count(*) FROM users)::int AS u');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });
});
