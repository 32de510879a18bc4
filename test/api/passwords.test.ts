/**
 * Passwords and sessions: changing my password (the current one required, the policy applied, my
 * other sessions and their sockets signed out), signing out everywhere, admin-issued reset links
 * (one-time, expiring, hashed at rest), and "forgot password" without system mail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, type Fixture } from '../helpers/fixtures';
import type { TestServer } from '../helpers/server';
import { standardServer } from '../helpers/standard';

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;

beforeAll(async () => {
  ({ server, fx, admin } = await standardServer());
});
afterAll(() => server.stop());

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);
const member = async (name: string) => {
  const u = await createUser(server.pool, `${name.toLowerCase().replace(/\W/g, '')}-${Date.now()}@test.local`, name, [[fx.locationId, 'user']]);
  return u;
};

describe('changing my password', () => {
  it('needs the current password, applies the policy, keeps this session and signs out the others (their sockets close)', async () => {
    const u = await member('Pat Change');
    const here = await ApiClient.signedIn(server.url, u);
    const there = await ApiClient.signedIn(server.url, u);
    const ws = await there.socket();
    await ws.ready();
    const mine = await here.socket();
    await mine.ready();

    const wrong = await here.patch('/api/v1/me/password', { currentPassword: 'not it', newPassword: 'granite-meadow-31' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('invalid_current_password');
    for (const [newPassword, rule, words] of [
      ['short-1', 'min_length', /at least 10 characters/],
      ['qwertyuiop', 'common', /common password/],
      ['Football2024!', 'common', /common password/],
      [u.email.toUpperCase(), 'personal', /e-mail address or your name/],
      ['pat  change', 'personal', /your name/],
      ['PatChange ', 'personal', /your name/],
      ['x'.repeat(201), 'max_length', /at most 200/],
    ] as const) {
      const res = await here.patch('/api/v1/me/password', { currentPassword: u.password, newPassword });
      expect(res.status, newPassword).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'password_policy', details: { rule, field: 'body.newPassword' } });
      expect(res.body.error.message).toMatch(words);
    }
    expect((await there.get('/api/v1/me')).status).toBe(200); // nothing changed yet

    const ok = await here.patch('/api/v1/me/password', { currentPassword: u.password, newPassword: 'granite-meadow-31' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ ok: true, signedOut: 1 });
    expect((await here.get('/api/v1/me')).status).toBe(200);
    expect((await there.get('/api/v1/me')).status).toBe(401);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
    expect(mine.closed).toBeUndefined();
    expect((await new ApiClient(server.url).login(u.email, u.password)).status).toBe(401);
    expect((await new ApiClient(server.url).login(u.email, 'granite-meadow-31')).status).toBe(200);
    const stored = await server.pool.query('SELECT password_hash, password_changed_at FROM users WHERE id = $1', [u.id]);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(stored.rows[0].password_changed_at).not.toBeNull();
    await mine.close();
  });

  it('"sign out everywhere" ends every session of mine, this one included, and closes their sockets', async () => {
    const u = await member('Sam Everywhere');
    const a = await ApiClient.signedIn(server.url, u);
    const b = await ApiClient.signedIn(server.url, u);
    const other = await ApiClient.signedIn(server.url, fx.staff);
    const ws = await b.socket();
    await ws.ready();
    const res = await a.post('/api/v1/me/sessions/revoke-all');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, signedOut: 2 });
    expect(res.headers.get('set-cookie')).toMatch(/aix_session=;/);
    expect((await a.get('/api/v1/me')).status).toBe(401);
    expect((await b.get('/api/v1/me')).status).toBe(401);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect(ws.closed!.code).toBe(4001);
    expect((await other.get('/api/v1/me')).status).toBe(200); // someone else's sessions are theirs
  });
});

describe('reset links from an admin', () => {
  it('are one-time, stored hashed, and using one sets the password and signs the member out everywhere', async () => {
    const u = await member('Rita Reset');
    const old = await ApiClient.signedIn(server.url, u);
    const ws = await old.socket();
    await ws.ready();
    const issued = await admin.post(`/api/v1/users/${u.id}/password-reset`);
    expect(issued.status).toBe(200);
    expect(issued.body.mailed).toBe(false);
    expect(issued.body.link).toMatch(/\/reset\/[A-Za-z0-9_-]{43}$/);
    const minutes = (new Date(issued.body.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(58);
    expect(minutes).toBeLessThanOrEqual(60);
    const token = tokenOf(issued.body.link);
    const stored = await server.pool.query('SELECT token_hash FROM password_resets WHERE user_id = $1', [u.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0].token_hash.toString()).not.toContain(token);

    const anon = new ApiClient(server.url);
    expect((await anon.get(`/api/v1/auth/reset/${token}`)).body).toMatchObject({ email: u.email });
    const weak = await anon.post(`/api/v1/auth/reset/${token}`, { password: 'iloveyou123' });
    expect(weak.status).toBe(422);
    expect(weak.body.error.details.rule).toBe('common');
    expect((await old.get('/api/v1/me')).status).toBe(200); // a refused password uses nothing

    const done = await anon.post(`/api/v1/auth/reset/${token}`, { password: 'copper-lantern-88' });
    expect(done.status).toBe(200);
    expect(done.body.signedIn).toBe(true);
    expect(done.body.me.user.id).toBe(u.id);
    anon.csrf = done.body.me.csrfToken;
    expect((await anon.get('/api/v1/me')).status).toBe(200);
    expect((await old.get('/api/v1/me')).status).toBe(401);
    await ws.waitFor(() => !!ws.closed, 5000, 'close');
    expect((await new ApiClient(server.url).login(u.email, 'copper-lantern-88')).status).toBe(200);

    const twice = await new ApiClient(server.url).post(`/api/v1/auth/reset/${token}`, { password: 'another-fine-one-4' });
    expect(twice.status).toBe(410);
    expect(twice.body.error.code).toBe('reset_used');
  });

  it('expire after an hour; a newer link replaces an older one; a changed password voids open links', async () => {
    const u = await member('Eli Expire');
    const first = tokenOf((await admin.post(`/api/v1/users/${u.id}/password-reset`)).body.link);
    const second = tokenOf((await admin.post(`/api/v1/users/${u.id}/password-reset`)).body.link);
    const anon = new ApiClient(server.url);
    expect((await anon.get(`/api/v1/auth/reset/${first}`)).body.error.code).toBe('reset_not_found');
    await server.pool.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [u.id]);
    const late = await anon.post(`/api/v1/auth/reset/${second}`, { password: 'velvet-compass-19' });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('reset_expired');
    expect((await anon.get(`/api/v1/auth/reset/${second}`)).status).toBe(410);

    const third = tokenOf((await admin.post(`/api/v1/users/${u.id}/password-reset`)).body.link);
    const self = await ApiClient.signedIn(server.url, u);
    expect((await self.patch('/api/v1/me/password', { currentPassword: u.password, newPassword: 'velvet-compass-19' })).status).toBe(200);
    expect((await anon.get(`/api/v1/auth/reset/${third}`)).status).toBe(404);
    expect((await anon.get('/api/v1/auth/reset/not-a-token')).status).toBe(404);
  });

  it('are only for members of this location, and not for someone who also works where this admin is not admin', async () => {
    expect((await admin.post(`/api/v1/users/${fx.stranger.id}/password-reset`)).status).toBe(404);
    const both = await createUser(server.pool, `both-${Date.now()}@test.local`, 'Bo Both', [
      [fx.locationId, 'user'],
      [fx.otherLocationId, 'admin'],
    ]);
    const refused = await admin.post(`/api/v1/users/${both.id}/password-reset`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('reset_not_allowed');
    expect(refused.body.error.message).toMatch(/Forgot password/);
    const r = await server.pool.query('SELECT count(*)::int AS n FROM password_resets WHERE user_id = $1', [both.id]);
    expect(r.rows[0].n).toBe(0);
  });
});

describe('forgot password without system mail', () => {
  it('answers the same for any address and says to ask an admin; creates nothing', async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get('/api/v1/auth/options')).body).toEqual({ systemMail: false });
    const known = await anon.post('/api/v1/auth/forgot', { email: fx.staff.email });
    const unknown = await anon.post('/api/v1/auth/forgot', { email: 'nobody-here@test.local' });
    expect(known.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    expect(known.body.message).toMatch(/ask an admin/);
    const r = await server.pool.query('SELECT count(*)::int AS n FROM password_resets WHERE user_id = $1', [fx.staff.id]);
    expect(r.rows[0].n).toBe(0);
  });
});
