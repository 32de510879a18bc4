/**
 * Uploads never sent: capped in bytes per web chat visitor and per location (429
 * unsent_uploads_limit, nothing stored), deleted an hour after upload by one cron job
 * (graphile-worker: once among all processes) — rows and files, sent files untouched — and written
 * to disk readable by the server's user only (0600).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { startTestServer, type TestServer } from '../helpers/server';
import { WidgetVisitor } from '../helpers/widget';

const SITE = 'https://glow-clinic.example';
const KB = 1000;
/** A PDF of `bytes` bytes (a real header; the rest is a comment). */
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.alloc(bytes - 10, 0x41)]);

let server: TestServer;
let fx: Fixture;
let admin: ApiClient;
let ips = 0;

async function visitor(): Promise<WidgetVisitor> {
  const v = new WidgetVisitor(server.url, fx.locationId, SITE, { 'x-forwarded-for': `198.51.100.${++ips}` });
  expect((await v.start()).status).toBe(201);
  return v;
}
const teamUpload = (name: string, bytes: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(bytes)]), name);
  return admin.request('POST', '/api/v1/attachments', f);
};
const rows = async () => (await server.pool.query('SELECT count(*)::int AS n FROM attachments')).rows[0].n;
const files = async () => {
  const dir = path.join(server.dataDir, 'attachments', fx.locationId);
  return (await fs.readdir(dir).catch(() => [])).filter((f) => !f.endsWith('.tmp'));
};

beforeAll(async () => {
  // 1 MB per visitor, 2 MB per location.
  server = await startTestServer({ TRUST_PROXY: 'true', UNSENT_UPLOADS_MB_PER_VISITOR: '1', UNSENT_UPLOADS_MB_PER_LOCATION: '2' });
  fx = await standardFixture(server.pool);
  admin = await ApiClient.signedIn(server.url, fx.admin);
  expect((await admin.put('/api/v1/webchat/settings', { allowedOrigins: [SITE] })).status).toBe(200);
});
afterAll(() => server.stop());

describe('unsent bytes', () => {
  it('are capped per visitor (429, nothing stored); sending frees the room', async () => {
    const v = await visitor();
    expect((await v.upload('a.pdf', pdf(400 * KB))).status).toBe(201);
    const second = await v.upload('b.pdf', pdf(400 * KB));
    expect(second.status).toBe(201);
    const before = { rows: await rows(), files: (await files()).length };
    const third = await v.upload('c.pdf', pdf(400 * KB));
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('unsent_uploads_limit');
    expect(third.body.error.message).toMatch(/1 MB/);
    expect(third.headers.get('access-control-allow-origin')).toBe(SITE);
    expect({ rows: await rows(), files: (await files()).length }).toEqual(before);
    // Sent, a file no longer counts: the visitor may upload again.
    expect((await v.send({ attachments: [second.body.id] })).status).toBe(201);
    expect((await v.upload('c.pdf', pdf(400 * KB))).status).toBe(201);
  });

  it('are capped per location, team uploads and visitors together', async () => {
    // In use: 800 KB of the first test's visitor; two more visitors bring it to 2000 KB (cap: 2 MiB).
    const w = await visitor();
    expect((await w.upload('w1.pdf', pdf(400 * KB))).status).toBe(201);
    expect((await w.upload('w2.pdf', pdf(400 * KB))).status).toBe(201);
    const x = await visitor();
    expect((await x.upload('x1.pdf', pdf(400 * KB))).status).toBe(201);
    const refused = await x.upload('x2.pdf', pdf(200 * KB));
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('unsent_uploads_limit');
    const team = await teamUpload('notes.pdf', pdf(400 * KB));
    expect(team.status).toBe(429);
    expect(team.body.error.message).toMatch(/2 MB/);
    // The other location is not affected.
    const other = await ApiClient.signedIn(server.url, fx.stranger);
    const f = new FormData();
    f.append('file', new Blob([new Uint8Array(pdf(400 * KB))]), 'theirs.pdf');
    expect((await other.request('POST', '/api/v1/attachments', f)).status).toBe(201);
  });

  it('concurrent uploads cannot pass a cap together', async () => {
    await server.pool.query('DELETE FROM attachments WHERE location_id = $1 AND message_id IS NULL', [fx.locationId]);
    const v = await visitor();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => v.upload(`p${i}.pdf`, pdf(300 * KB))));
    // 1 MB per visitor: three of 300 KB fit, a fourth does not.
    expect(answers.filter((r) => r.status === 201)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(3);
  });
});

describe('the cleanup job', () => {
  it('is on the crontab, once for every process', async () => {
    const known = await server.pool.query('SELECT identifier FROM graphile_worker._private_known_crontabs');
    expect(known.rows.map((r) => r.identifier)).toEqual(expect.arrayContaining(['cleanup_unsent_uploads', 'prune_events', 'prune_rate_limits']));
  });

  it('deletes uploads never sent, an hour old — team’s and visitors’ — rows and files; sent and recent ones stay', async () => {
    await server.pool.query('DELETE FROM attachments WHERE location_id = $1 AND message_id IS NULL', [fx.locationId]);
    const v = await visitor();
    const oldVisitor = (await v.upload('old-visitor.pdf', pdf(10 * KB))).body.id;
    const sent = (await v.upload('sent.pdf', pdf(10 * KB))).body.id;
    expect((await v.send({ attachments: [sent] })).status).toBe(201);
    const recent = (await v.upload('recent.pdf', pdf(10 * KB))).body.id;
    const oldTeam = (await teamUpload('old-team.pdf', pdf(10 * KB))).body.id;
    await server.pool.query(`UPDATE attachments SET created_at = now() - interval '61 minutes' WHERE id = ANY($1)`, [[oldVisitor, sent, oldTeam]]);
    const keyOf = async (id: string) => (await server.pool.query('SELECT storage_key FROM attachments WHERE id = $1', [id])).rows[0].storage_key;
    const oldFiles = [await keyOf(oldVisitor), await keyOf(oldTeam)].map((k) => path.join(server.dataDir, 'attachments', k));
    await fs.access(oldFiles[0]);

    // The cron tick, now rather than at the next ten minutes.
    await server.pool.query(`SELECT graphile_worker.add_job('cleanup_unsent_uploads')`);
    await expect
      .poll(async () => (await server.pool.query('SELECT id FROM attachments WHERE id = ANY($1)', [[oldVisitor, sent, recent, oldTeam]])).rows.map((r) => r.id).sort(), {
        timeout: 15_000,
      })
      .toEqual([sent, recent].sort());
    for (const f of oldFiles) await expect(fs.access(f)).rejects.toThrow();
    await fs.access(path.join(server.dataDir, 'attachments', await keyOf(sent)));
  });
});

describe('attachment files on disk', () => {
  it('are readable by the server’s user only (0600, folders 0700)', async () => {
    const res = await teamUpload('private.pdf', pdf(2 * KB));
    expect(res.status).toBe(201);
    const key = (await server.pool.query('SELECT storage_key FROM attachments WHERE id = $1', [res.body.id])).rows[0].storage_key;
    const file = path.join(server.dataDir, 'attachments', key);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.dirname(file))).mode & 0o777).toBe(0o700);
  });
});
