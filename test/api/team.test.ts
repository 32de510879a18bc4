import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import type { Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
});
afterAll(() => server.stop());

describe('team', () => {
  it('lists the location’s members for everyone on the team', async () => {
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const res = await staff.get('/api/v1/users');
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: any) => u.email).sort()).toEqual([fx.admin.email, fx.staff.email].sort());
  });

  it('lets an admin add a member who can then sign in, change the role and remove them', async () => {
    const created = await admin.post('/api/v1/users', { name: 'Nia New', email: 'Nia@Test.local', role: 'user', password: 'first-password-1' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Nia New', email: 'nia@test.local', role: 'user' });
    const nia = await ApiClient.signedIn(server.url, { email: 'nia@test.local', password: 'first-password-1' });
    const ws = await nia.socket();
    await ws.ready();
    expect((await admin.post('/api/v1/users', { name: 'Nia', email: 'nia@test.local', role: 'user', password: 'whatever-long' })).status).toBe(409);
    expect((await admin.patch(`/api/v1/users/${created.body.id}`, { role: 'admin' })).body.role).toBe('admin');
    expect((await admin.delete(`/api/v1/users/${created.body.id}`)).status).toBe(200);
    // Gone from the team, her sessions lose the location and her sockets close.
    expect((await nia.get('/api/v1/me')).status).toBe(401);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
  });

  it('adds an existing account without touching its password', async () => {
    const res = await admin.post('/api/v1/users', { name: 'x', email: fx.stranger.email, role: 'user', password: 'a-new-password-1' });
    expect(res.status).toBe(201);
    expect((await new ApiClient(server.url).login(fx.stranger.email, 'a-new-password-1')).status).toBe(401);
    const olga = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await olga.get('/api/v1/me')).body.locations).toHaveLength(2);
  });

  it('keeps at least one admin, and only admins manage the team', async () => {
    const demote = await admin.patch(`/api/v1/users/${fx.admin.id}`, { role: 'user' });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe('last_admin');
    expect((await admin.delete(`/api/v1/users/${fx.admin.id}`)).status).toBe(422);
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    expect((await staff.post('/api/v1/users', { name: 'x', email: 'x@test.local', role: 'admin', password: 'long-enough-1' })).status).toBe(403);
    expect((await staff.delete(`/api/v1/users/${fx.admin.id}`)).status).toBe(403);
    expect((await admin.patch(`/api/v1/users/${fx.stranger.id}`, { role: 'admin' })).status).toBe(200); // member since the test above
    expect((await admin.delete(`/api/v1/users/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});

describe('location settings', () => {
  it('an admin renames the location and changes its time zone and country; bad values name the field', async () => {
    const res = await admin.patch('/api/v1/location', { name: 'Glow Downtown', timezone: 'America/Chicago', country: 'us' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Glow Downtown', timezone: 'America/Chicago', country: 'US' });
    expect((await admin.get('/api/v1/me')).body.location.timezone).toBe('America/Chicago');
    const bad = await admin.patch('/api/v1/location', { timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('body.timezone');
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    expect((await staff.patch('/api/v1/location', { name: 'Mine now' })).status).toBe(403);
  });
});
