/**
 * System mail through the simulator's SMTP sink: "forgot password" mails a one-time link (and
 * answers an unknown address identically, mailing nothing), invitations and admin reset links are
 * mailed too; in demo mode SMTP_URL defaults to the simulator's sink.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launch } from '../../src/demo/launch';
import { createAppPool } from '../../src/server/compose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index';
import { ApiClient } from '../helpers/client';
import { standardFixture, type Fixture } from '../helpers/fixtures';
import { freshDatabase, startTestServer, type TestServer } from '../helpers/server';

let sim: Simulator;
let server: TestServer;
let fx: Fixture;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, appUrl: 'http://127.0.0.1:1', accounts: [] });
  server = await startTestServer({ SMTP_URL: sim.smtpUrl, MAIL_FROM: 'Glow Team <team@glow.test>' });
  fx = await standardFixture(server.pool);
});
afterAll(async () => {
  await server?.stop();
  await sim?.close();
});

async function mailTo(simUrl: string, address: string, count = 1): Promise<any[]> {
  let mails: any[] = [];
  await expect
    .poll(async () => {
      mails = await (await fetch(`${simUrl}/_sim/mail?to=${encodeURIComponent(address)}`)).json();
      return mails.length;
    }, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(count);
  return mails;
}
const linkIn = (text: string, path: string) => new RegExp(`(http\\S+/${path}/\\S+)`).exec(text)?.[1];

describe('system mail', () => {
  it('forgot password: the same answer for any address; a one-time reset link mailed only to an account', async () => {
    const anon = new ApiClient(server.url);
    expect((await anon.get('/api/v1/auth/options')).body).toEqual({ systemMail: true });
    const unknown = await anon.post('/api/v1/auth/forgot', { email: 'no-account@test.local' });
    const known = await anon.post('/api/v1/auth/forgot', { email: fx.staff.email.toUpperCase() });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual(known.body);
    expect(JSON.stringify(known.body)).not.toMatch(/Sam|Staff/);

    const [mail] = await mailTo(sim.url, fx.staff.email);
    expect(mail.subject).toBe('Reset your Aesthetix Inbox password');
    expect(mail.from).toBe('team@glow.test');
    const link = linkIn(mail.text, 'reset')!;
    expect(link.startsWith(`${server.url}/reset/`)).toBe(true);
    const token = link.slice(link.lastIndexOf('/') + 1);

    const done = await new ApiClient(server.url).post(`/api/v1/auth/reset/${token}`, { password: 'saffron-window-62' });
    expect(done.status).toBe(200);
    expect(done.body.me.user.id).toBe(fx.staff.id);
    expect((await new ApiClient(server.url).login(fx.staff.email, 'saffron-window-62')).status).toBe(200);
    expect((await new ApiClient(server.url).post(`/api/v1/auth/reset/${token}`, { password: 'saffron-window-63' })).status).toBe(410);
    // Nothing went to the address without an account.
    expect(sim.mail.to('no-account@test.local')).toEqual([]);
  });

  it('mails invitations and admin reset links, and says so', async () => {
    const admin = await ApiClient.signedIn(server.url, fx.admin);
    const inv = await admin.post('/api/v1/users', { email: 'mailed-invite@test.local', role: 'user' });
    expect(inv.status).toBe(201);
    expect(inv.body.mailed).toBe(true);
    const [mail] = await mailTo(sim.url, 'mailed-invite@test.local');
    expect(mail.subject).toMatch(/^Join Glow /);
    expect(mail.text).toContain('Ada Admin invited you');
    expect(linkIn(mail.text, 'invite')).toBe(inv.body.link);

    const reset = await admin.post(`/api/v1/users/${fx.admin.id}/password-reset`);
    expect(reset.body.mailed).toBe(true);
    const resets = await mailTo(sim.url, fx.admin.email);
    expect(linkIn(resets.at(-1).text, 'reset')).toBe(reset.body.link);
  });

  it('in demo mode, system mail goes to the simulator the launcher starts beside the app (SMTP_URL unset)', async () => {
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-demo-'));
    const demo = await launch(
      { ...process.env, DATABASE_URL: await freshDatabase(), SEED_DEMO: 'true', SIMULATOR: 'true', PORT: '0', SIMULATOR_PORT: '0', SIMULATOR_SMTP_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', SMTP_URL: '' },
      { logger: false, log: () => {} },
    );
    try {
      expect(demo.simulator).not.toBeNull();
      expect(demo.config.mail.url).toBe(demo.simulator!.smtpUrl);
      const pool = createAppPool(demo.server.databaseUrl, 2);
      const f = await standardFixture(pool);
      await pool.end();
      const admin = await ApiClient.signedIn(demo.server.url, f.admin);
      const inv = await admin.post('/api/v1/users', { email: 'demo-invite@test.local', role: 'user' });
      expect(inv.body.mailed).toBe(true);
      const [mail] = await mailTo(demo.simulator!.url, 'demo-invite@test.local');
      expect(linkIn(mail.text, 'invite')).toBe(inv.body.link);
      const page = await (await fetch(`${demo.simulator!.url}/mail`)).text();
      expect(page).toContain(`<a href="${inv.body.link}"`);
    } finally {
      await demo.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
