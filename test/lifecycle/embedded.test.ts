/**
 * The zero-setup path as a newcomer runs it: `npm start` (`node src/demo/main.ts`) with no DATABASE_URL starts
 * an embedded PostgreSQL under DATA_DIR, and a SIGTERM stops both cleanly, keeping the data.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/client';
import { spawnServer } from '../helpers/server';

let dataDir: string;

const postgresRunningIn = (dir: string) => {
  try {
    return execFileSync('pgrep', ['-f', `postgres -D ${dir}`]).toString().trim().length > 0;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-life-'));
});
afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

describe('embedded PostgreSQL', () => {
  it('starts on first run, seeds the demo, keeps data across a clean restart', async () => {
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'true', DATABASE_URL: '', SIMULATOR_PORT: '0', SIMULATOR_SMTP_PORT: '0' };
    const first = await spawnServer(env);
    const pgDir = path.join(dataDir, 'pg');
    expect(postgresRunningIn(pgDir)).toBe(true);
    const api = await ApiClient.signedIn(first.url, { email: 'admin@demo.local', password: 'demo-admin-1' });
    const created = await api.post('/api/v1/contacts', { name: 'Kept Across Restarts', phone: '+12128675399' });
    expect(created.status).toBe(201);
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('SIGTERM received');
    expect(postgresRunningIn(pgDir)).toBe(false);

    const second = await spawnServer(env);
    const again = await ApiClient.signedIn(second.url, { email: 'admin@demo.local', password: 'demo-admin-1' });
    const got = await again.get(`/api/v1/contacts/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.name).toBe('Kept Across Restarts');
    // The demo is seeded once: still exactly one Glow location.
    const list = await again.get('/api/v1/me');
    expect(list.body.locations.filter((l: any) => l.name === 'Glow Aesthetics Clinic')).toHaveLength(1);
    expect(second.output()).not.toContain('initialising embedded PostgreSQL');
    // Demo mode: the simulator runs and the demo clinic's number is connected to it.
    expect(second.output()).toContain('provider simulator');
    const channels = await again.get('/api/v1/channels');
    expect(channels.body.items.map((c: any) => c.phoneNumber)).toEqual(['+12125550100']);
    expect(await second.stop('SIGINT')).toBe(0);
    expect(postgresRunningIn(pgDir)).toBe(false);
  }, 120_000);
});
