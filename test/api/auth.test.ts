import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { createUser, standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';

let server: TestServer;
let fx: Fixture;

beforeAll(async () => {
  // TRUST_PROXY: the tests play other addresses with X-Forwarded-For (their own requests come from 127.0.0.1).
  server = await startTestServer({ LOGIN_RATE_LIMIT: '4', TRUST_PROXY: 'true' });
  fx = await standardFixture(server.pool);
});
afterAll(() => server.stop());

describe('login', () => {
  it('signs in, sets an HttpOnly SameSite=Lax cookie and answers me with a CSRF token', async () => {
    const c = new ApiClient(server.url);
    const res = await c.login(fx.admin.email, fx.admin.password);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/aix_session=[A-Za-z0-9_-]{40,}/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(res.body.user).toMatchObject({ id: fx.admin.id, email: fx.admin.email, role: 'admin' });
    expect(res.body.location.id).toBe(fx.locationId);
    expect(res.body.csrfToken).toEqual(expect.any(String));
    const me = await c.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(fx.admin.id);
    expect(me.body.csrfToken).toBe(res.body.csrfToken);
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await new ApiClient(server.url).login(fx.staff.email, 'not the password');
    const unknown = await new ApiClient(server.url).login('nobody@test.local', 'whatever');
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('invalid_credentials');
      expect(res.headers.get('set-cookie')).toBeNull();
    }
  });

  it('stores argon2id hashes, never the password', async () => {
    const r = await server.pool.query('SELECT password_hash FROM users WHERE id = $1', [fx.admin.id]);
    expect(r.rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(r.rows[0].password_hash).not.toContain(fx.admin.password);
  });

  it('counts the attempts of the minute before too: a burst across a window boundary is not let through', async () => {
    const u = await createUser(server.pool, 'boundary@test.local', 'Boundary', [[fx.locationId, 'user']]);
    // A flood of attempts in the previous fixed window (the sliding window still holds most of it).
    await server.pool.query(
      `INSERT INTO rate_limit_hits (key, window_start, hits)
       VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / 60) * 60) - interval '60 seconds', 100000)`,
      [`login:pair:${u.email}|127.0.0.1`],
    );
    const res = await new ApiClient(server.url).login(u.email, 'guess');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('rate_limited');
  });

  it('rate-limits repeated attempts on one e-mail from one address with 429 and Retry-After', async () => {
    const u = await createUser(server.pool, 'target@test.local', 'Target', [[fx.locationId, 'user']]);
    const statuses: number[] = [];
    let last;
    for (let i = 0; i < 6; i++) {
      last = await new ApiClient(server.url).login(u.email, 'guess-' + i);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
    expect(last!.body.error.code).toBe('rate_limited');
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Even the right password is refused while limited.
    expect((await new ApiClient(server.url).login(u.email, u.password)).status).toBe(429);
  });

  it('cannot be used to lock a person out: others hammering their e-mail from other addresses slow it down, the person still signs in', async () => {
    const u = await createUser(server.pool, 'victim@test.local', 'Vic Tim', [[fx.locationId, 'user']]);
    const from = (ip: string) => ({ 'x-forwarded-for': ip });
    const attempt = (ip: string, password: string) => new ApiClient(server.url).request('POST', '/api/v1/auth/login', { email: u.email, password }, from(ip));
    // One address guessing: refused after LOGIN_RATE_LIMIT (4) a minute.
    const single: number[] = [];
    for (let i = 0; i < 6; i++) single.push((await attempt('203.0.113.9', `guess-${i}`)).status);
    expect(single).toEqual([401, 401, 401, 401, 429, 429]);
    // Five more addresses, four guesses each, at once: 26 attempts on the e-mail within the minute.
    const spread = await Promise.all(
      ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13', '203.0.113.14'].map(async (ip) => {
        const out: number[] = [];
        for (let i = 0; i < 4; i++) out.push((await attempt(ip, `guess-${i}`)).status);
        return out;
      }),
    );
    expect(spread.flat().every((s) => s === 401)).toBe(true);
    // The person, from their own address: slowed (past 3 × 4 attempts a minute on the e-mail), never refused.
    const started = Date.now();
    const own = await attempt('198.51.100.7', u.password);
    expect(own.status).toBe(200);
    expect(own.body.user.id).toBe(u.id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(Date.now() - started).toBeLessThan(5000 + 3000);
  });

  it('limits one address trying many e-mails (×10 the per-pair limit)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 41; i++) {
      const res = await new ApiClient(server.url).request('POST', '/api/v1/auth/login', { email: `spray-${i}@test.local`, password: 'x' }, { 'x-forwarded-for': '192.0.2.77' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 40).every((s) => s === 401)).toBe(true);
    expect(statuses[40]).toBe(429);
  });

  it('validation errors name the field', async () => {
    const res = await new ApiClient(server.url).post('/api/v1/auth/login', { email: 'not-an-email', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/^body\.email:/);
    expect(res.body.error.details.fields[0].field).toBe('body.email');
  });
});

describe('sessions', () => {
  it('answers 401 without a session, with a forged one and with an expired one', async () => {
    const anon = await new ApiClient(server.url).get('/api/v1/me');
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthenticated');

    const forged = new ApiClient(server.url);
    forged.cookie = 'aix_session=' + 'A'.repeat(43);
    expect((await forged.get('/api/v1/me')).status).toBe(401);

    const c = await ApiClient.signedIn(server.url, fx.staff);
    expect((await c.get('/api/v1/me')).status).toBe(200);
    await server.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [fx.staff.id]);
    const expired = await c.get('/api/v1/me');
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('session_expired');
  });

  it('logout revokes the session on the server', async () => {
    const c = await ApiClient.signedIn(server.url, fx.admin);
    const stolen = c.cookie!;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    const replay = new ApiClient(server.url);
    replay.cookie = stolen;
    expect((await replay.get('/api/v1/me')).status).toBe(401);
  });

  it('switches location only to a location the user belongs to', async () => {
    const both = await createUser(server.pool, 'both@test.local', 'Bo Both', [
      [fx.locationId, 'admin'],
      [fx.otherLocationId, 'user'],
    ]);
    const c = await ApiClient.signedIn(server.url, both);
    const me = await c.get('/api/v1/me');
    expect(me.body.locations.map((l: any) => l.id).sort()).toEqual([fx.locationId, fx.otherLocationId].sort());
    const sw = await c.put('/api/v1/me/location', { locationId: fx.otherLocationId });
    expect(sw.status).toBe(200);
    expect(sw.body.location.id).toBe(fx.otherLocationId);
    expect(sw.body.user.role).toBe('user');
    expect((await c.get('/api/v1/me')).body.location.id).toBe(fx.otherLocationId);

    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const refused = await staff.put('/api/v1/me/location', { locationId: fx.otherLocationId });
    expect(refused.status).toBe(404);
  });
});

describe('CSRF', () => {
  it('refuses a cookie request that changes state without the token, or with a wrong one', async () => {
    const c = await ApiClient.signedIn(server.url, fx.admin);
    const none = await c.request('POST', '/api/v1/contacts', { name: 'No Token' }, { 'x-csrf-token': '' });
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('csrf_failed');
    const wrong = await c.request('POST', '/api/v1/contacts', { name: 'Wrong Token' }, { 'x-csrf-token': 'x'.repeat(32) });
    expect(wrong.status).toBe(403);
    const right = await c.post('/api/v1/contacts', { name: 'Right Token' });
    expect(right.status).toBe(201);
    const r = await server.pool.query(`SELECT count(*)::int AS n FROM contacts WHERE first_name IN ('No', 'Wrong')`);
    expect(r.rows[0].n).toBe(0);
  });
});

describe('API keys', () => {
  it('are created by admins, shown once, stored hashed, work as Bearer and can be revoked', async () => {
    const admin = await ApiClient.signedIn(server.url, fx.admin);
    const created = await admin.post('/api/v1/api-keys', { name: 'Zapier' });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^aix_/);

    const list = await admin.get('/api/v1/api-keys');
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: 'Zapier', createdBy: { id: fx.admin.id, name: 'Ada Admin' } });
    const stored = await server.pool.query('SELECT key_hash FROM api_keys WHERE id = $1', [created.body.id]);
    expect(stored.rows[0].key_hash.toString()).not.toContain(key);

    const bot = ApiClient.withKey(server.url, key);
    const me = await bot.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.location.id).toBe(fx.locationId);
    // Bearer requests need no CSRF token.
    expect((await bot.post('/api/v1/contacts', { name: 'Via Key' })).status).toBe(201);

    expect((await admin.delete(`/api/v1/api-keys/${created.body.id}`)).status).toBe(200);
    const revoked = await bot.get('/api/v1/me');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('invalid_api_key');
  });

  it('cannot be managed by a user without the admin role', async () => {
    const staff = await ApiClient.signedIn(server.url, fx.staff);
    const res = await staff.post('/api/v1/api-keys', { name: 'Nope' });
    expect(res.status).toBe(403);
  });

  it('a forged key is refused', async () => {
    const bogus = ApiClient.withKey(server.url, `aix_${fx.locationId.replace(/-/g, '')}_${'x'.repeat(43)}`);
    expect((await bogus.get('/api/v1/me')).status).toBe(401);
  });
});
