import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, type Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let stranger: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin, stranger } = await standardServer());
});

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
afterAll(() => server.stop());

describe('team', () => {
  it('lists the location’s members for everyone on the team', async () => {
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const res = await staff.get('/api/v1/users');
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: any) => u.email).sort()).toEqual([fx.admin.email, fx.staff.email].sort());
  });

  it('invites a new person: a one-time link; they choose their name and a password the policy allows, and are signed in to this location', async () => {
    const invited = await admin.post('/api/v1/users', { name: 'Nia New', email: 'Nia@Test.local', role: 'user' });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email: 'nia@test.local', name: 'Nia New', role: 'user', status: 'pending', mailed: false });
    expect(invited.body.link).toMatch(new RegExp(`^${server.url.replace('127.0.0.1', '127\\.0\\.0\\.1')}/invite/[0-9a-f]{32}_`));
    const token = tokenOf(invited.body.link);
    // Stored hashed: the token is nowhere in the database.
    const stored = await server.pool.query('SELECT token_hash FROM invitations WHERE id = $1', [invited.body.id]);
    expect(stored.rows[0].token_hash.toString('hex')).not.toContain(token);
    expect((await admin.get('/api/v1/invitations')).body.items.map((i: any) => i.email)).toContain('nia@test.local');
    // Not on the team until accepted; inviting twice is refused.
    expect((await admin.get('/api/v1/users')).body.items.map((u: any) => u.email)).not.toContain('nia@test.local');
    expect((await admin.post('/api/v1/users', { email: 'nia@test.local', role: 'admin' })).body.error.code).toBe('already_invited');

    const anon = new ApiClient(server.url);
    const page = await anon.get(`/api/v1/auth/invitations/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ email: 'nia@test.local', name: 'Nia New', role: 'user' });
    expect(page.body.location.name).toMatch(/^Glow /);

    const weak = await anon.post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'Nia New', password: 'Password123!' });
    expect(weak.status).toBe(422);
    expect(weak.body.error).toMatchObject({ code: 'password_policy', details: { rule: 'common' } });
    expect(weak.body.error.message).toMatch(/common password/);
    const short = await anon.post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'Nia New', password: 'nia-2024' });
    expect(short.body.error).toMatchObject({ code: 'password_policy', details: { rule: 'min_length' } });
    expect(short.body.error.message).toMatch(/at least 10 characters/);
    const mine = await anon.post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'Nia New', password: 'NIA@test.local' });
    expect(mine.body.error).toMatchObject({ code: 'password_policy', details: { rule: 'personal' } });

    const nia = new ApiClient(server.url);
    const accepted = await nia.post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'Nia Newton', password: 'tulip-harbour-42' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toMatchObject({ name: 'Nia Newton', email: 'nia@test.local', role: 'user' });
    expect(accepted.body.location.id).toBe(fx.locationId);
    nia.csrf = accepted.body.csrfToken;
    expect((await nia.get('/api/v1/me')).status).toBe(200);
    expect((await admin.get('/api/v1/users')).body.items.find((u: any) => u.email === 'nia@test.local')).toMatchObject({ name: 'Nia Newton', role: 'user' });
    expect((await admin.get('/api/v1/invitations')).body.items.map((i: any) => i.email)).not.toContain('nia@test.local');
    // Once.
    const again = await new ApiClient(server.url).post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'X', password: 'another-good-one-7' });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invitation_used');
    expect((await ApiClient.signedIn(server.url, { email: 'nia@test.local', password: 'tulip-harbour-42' })).csrf).toBeTruthy();
    expect((await admin.post('/api/v1/users', { email: 'nia@test.local', role: 'user' })).body.error.code).toBe('already_member');

    // Removed again: her sessions lose the location and her sockets close.
    const ws = await nia.socket();
    await ws.ready();
    expect((await admin.delete(`/api/v1/users/${accepted.body.user.id}`)).status).toBe(200);
    expect((await nia.get('/api/v1/me')).status).toBe(401);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
  });

  it('inviting the e-mail of another location’s account attaches nothing and reveals nothing; they accept by signing in with their own password', async () => {
    // (The old API attached the account at once — with the password its owner chose, answering its name.)
    const res = await admin.post('/api/v1/users', { name: 'Someone', email: fx.stranger.email, role: 'user', password: 'a-new-password-1' });
    expect(res.status).toBe(201);
    // Nothing attached: her account still has only her own location, and no password set here opens this one.
    const olga = await ApiClient.signedIn(server.url, fx.stranger);
    expect((await olga.get('/api/v1/me')).body.locations).toHaveLength(1);
    expect((await olga.put('/api/v1/me/location', { locationId: fx.locationId })).status).toBe(404);
    expect((await new ApiClient(server.url).login(fx.stranger.email, 'a-new-password-1')).status).toBe(401);
    expect(JSON.stringify(res.body)).not.toContain('Olga');
    // The same answer as for an address with no account: same fields, nothing of the account.
    const fresh = await admin.post('/api/v1/users', { name: 'Someone', email: 'brand-new@test.local', role: 'user', password: 'a-new-password-1' });
    expect(fresh.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(res.body).toMatchObject({ email: fx.stranger.email, name: 'Someone', status: 'pending', mailed: false });
    const token = tokenOf(res.body.link);
    const answers = [
      (await admin.get('/api/v1/invitations')).body,
      (await admin.get('/api/v1/users')).body,
      (await new ApiClient(server.url).get(`/api/v1/auth/invitations/${token}`)).body,
    ];
    for (const a of answers) expect(JSON.stringify(a)).not.toContain('Olga');

    // Accepting: a new account cannot take the address; the wrong password is refused; hers is accepted.
    const taken = await new ApiClient(server.url).post(`/api/v1/auth/invitations/${token}/accept`, { account: 'new', name: 'Mallory', password: 'mallory-owns-this-9' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('account_exists');
    const wrong = await new ApiClient(server.url).post(`/api/v1/auth/invitations/${token}/accept`, { account: 'existing', password: 'not her password' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const c = new ApiClient(server.url);
    const ok = await c.post(`/api/v1/auth/invitations/${token}/accept`, { account: 'existing', password: fx.stranger.password });
    expect(ok.status).toBe(200);
    expect(ok.body.location.id).toBe(fx.locationId);
    expect(ok.body.user).toMatchObject({ id: fx.stranger.id, name: 'Olga Other', role: 'user' });
    expect(ok.body.locations).toHaveLength(2);
    // Her password and name are hers: unchanged.
    const u = await server.pool.query('SELECT name FROM users WHERE id = $1', [fx.stranger.id]);
    expect(u.rows[0].name).toBe('Olga Other');
    expect((await admin.delete(`/api/v1/invitations/${fresh.body.id}`)).status).toBe(200);
  });

  it('invitations expire after 7 days, can be resent (a new link, the old one dead) and revoked', async () => {
    const inv = await admin.post('/api/v1/users', { email: 'later@test.local', role: 'user' });
    const expires = new Date(inv.body.expiresAt).getTime() - Date.now();
    expect(expires).toBeGreaterThan(7 * 86400_000 - 60_000);
    expect(expires).toBeLessThanOrEqual(7 * 86400_000);
    const first = tokenOf(inv.body.link);
    const anon = new ApiClient(server.url);

    await server.pool.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1`, [inv.body.id]);
    const expired = await anon.get(`/api/v1/auth/invitations/${first}`);
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('invitation_expired');
    expect((await admin.get('/api/v1/invitations')).body.items.find((i: any) => i.id === inv.body.id).status).toBe('expired');

    const resent = await admin.post(`/api/v1/invitations/${inv.body.id}/resend`);
    expect(resent.status).toBe(200);
    expect(resent.body.status).toBe('pending');
    const second = tokenOf(resent.body.link);
    expect(second).not.toBe(first);
    expect((await anon.get(`/api/v1/auth/invitations/${first}`)).body.error.code).toBe('invitation_not_found');
    expect((await anon.get(`/api/v1/auth/invitations/${second}`)).status).toBe(200);

    expect((await admin.delete(`/api/v1/invitations/${inv.body.id}`)).status).toBe(200);
    expect((await anon.get(`/api/v1/auth/invitations/${second}`)).status).toBe(404);
    const dead = await anon.post(`/api/v1/auth/invitations/${second}/accept`, { account: 'new', name: 'Late', password: 'late-but-strong-5' });
    expect(dead.status).toBe(404);
    expect((await anon.get('/api/v1/auth/invitations/garbage')).status).toBe(404);
    expect((await admin.delete(`/api/v1/invitations/${inv.body.id}`)).status).toBe(404);
    // Another location's invitation is not this admin's to touch.
    const theirs = await stranger.post('/api/v1/users', { email: 'theirs@test.local', role: 'user' });
    expect((await admin.delete(`/api/v1/invitations/${theirs.body.id}`)).status).toBe(404);
    expect((await admin.post(`/api/v1/invitations/${theirs.body.id}/resend`)).status).toBe(404);
  });

  it('API keys cannot manage the team, invitations, reset links or keys', async () => {
    const key = (await admin.post('/api/v1/api-keys', { name: 'Integration' })).body.key;
    const bot = ApiClient.withKey(server.url, key);
    expect((await bot.get('/api/v1/users')).status).toBe(200); // reading the team (to assign) is fine
    const refused = [
      await bot.post('/api/v1/users', { email: 'via-key@test.local', role: 'admin', name: 'Key', password: 'by-key-password-1' }),
      await bot.patch(`/api/v1/users/${fx.staff.id}`, { role: 'admin' }),
      await bot.delete(`/api/v1/users/${fx.staff.id}`),
      await bot.post(`/api/v1/users/${fx.staff.id}/password-reset`),
      await bot.get('/api/v1/invitations'),
      await bot.get('/api/v1/api-keys'),
      await bot.post('/api/v1/api-keys', { name: 'Minted by a key' }),
      await bot.patch('/api/v1/me/password', { currentPassword: 'x', newPassword: 'y' }),
      await bot.post('/api/v1/me/sessions/revoke-all'),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('user_required');
    }
    const r = await server.pool.query(`SELECT count(*)::int AS n FROM invitations WHERE email = 'via-key@test.local'`);
    expect(r.rows[0].n).toBe(0);
    expect((await server.pool.query(`SELECT role FROM memberships WHERE user_id = $1`, [fx.staff.id])).rows[0].role).toBe('user');
  });

  it('the keys a member made are revoked when they lose admin or leave, and their sockets close', async () => {
    const kim = await createUser(server.pool, `kim-${Date.now()}@test.local`, 'Kim Keys', [[fx.locationId, 'admin']]);
    const lee = await createUser(server.pool, `lee-${Date.now()}@test.local`, 'Lee Leaves', [[fx.locationId, 'admin']]);
    const kimKey = (await (await ApiClient.signedIn(server.url, kim)).post('/api/v1/api-keys', { name: 'Kim’s' })).body.key;
    const leeKey = (await (await ApiClient.signedIn(server.url, lee)).post('/api/v1/api-keys', { name: 'Lee’s' })).body.key;
    const adaKey = (await admin.post('/api/v1/api-keys', { name: 'Ada’s' })).body.key;
    const kimBot = ApiClient.withKey(server.url, kimKey);
    const leeBot = ApiClient.withKey(server.url, leeKey);
    const kimWs = await kimBot.socket();
    await kimWs.ready();
    expect((await kimBot.get('/api/v1/me')).status).toBe(200);

    expect((await admin.patch(`/api/v1/users/${kim.id}`, { role: 'user' })).status).toBe(200);
    const revoked = await kimBot.get('/api/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('invalid_api_key');
    await kimWs.waitFor(() => !!kimWs.closed, 5000, 'close');
    expect(kimWs.closed!.code).toBe(4001);

    expect((await leeBot.get('/api/v1/me')).status).toBe(200);
    expect((await admin.delete(`/api/v1/users/${lee.id}`)).status).toBe(200);
    expect((await leeBot.get('/api/v1/me')).status).toBe(401);
    // Others' keys are untouched, and the list says who made each.
    expect((await ApiClient.withKey(server.url, adaKey).get('/api/v1/me')).status).toBe(200);
    const keys = (await admin.get('/api/v1/api-keys')).body.items;
    expect(keys.map((k: any) => k.name)).not.toContain('Kim’s');
    expect(keys.find((k: any) => k.name === 'Ada’s').createdBy).toEqual({ id: fx.admin.id, name: 'Ada Admin' });
  });

  it('keeps at least one admin, and only admins manage the team', async () => {
    const demote = await admin.patch(`/api/v1/users/${fx.admin.id}`, { role: 'user' });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe('last_admin');
    expect((await admin.delete(`/api/v1/users/${fx.admin.id}`)).status).toBe(422);
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    expect((await staff.post('/api/v1/users', { name: 'x', email: 'x@test.local', role: 'admin' })).status).toBe(403);
    expect((await staff.delete(`/api/v1/users/${fx.admin.id}`)).status).toBe(403);
    expect((await staff.get('/api/v1/invitations')).status).toBe(403);
    expect((await staff.post(`/api/v1/users/${fx.admin.id}/password-reset`)).status).toBe(403);
    expect((await admin.patch(`/api/v1/users/${fx.stranger.id}`, { role: 'admin' })).status).toBe(200); // member since accepting above
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
