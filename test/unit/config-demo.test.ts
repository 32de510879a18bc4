/** Demo safety in the configuration: who gets demo data and the simulator, and where the server listens. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';

const DB = 'postgres://x@h/db';

describe('demo mode', () => {
  it('the embedded defaults: demo data, simulator, 127.0.0.1 unless HOST is set', () => {
    const c = loadConfig({});
    expect([c.seedDemo, c.simulator.enabled, c.host]).toEqual([true, true, '127.0.0.1']);
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('an own database: no demo, all interfaces; with SEED_DEMO=true the demo again keeps to 127.0.0.1', () => {
    const c = loadConfig({ DATABASE_URL: DB });
    expect([c.seedDemo, c.simulator.enabled, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(loadConfig({ DATABASE_URL: DB, SEED_DEMO: 'true' }).host).toBe('127.0.0.1');
  });

  it('NODE_ENV=production: never demo users nor the simulator, even on the embedded database', () => {
    const c = loadConfig({ NODE_ENV: 'production' });
    expect([c.seedDemo, c.simulator.enabled, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(c.providers.twilio).toBe('https://api.twilio.com');
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: the demo logins are public/);
    expect(() => loadConfig({ NODE_ENV: 'production', SIMULATOR: 'true' })).toThrow(/SIMULATOR: .*never when NODE_ENV=production/);
  });

  it('SEED_DEMO=false: no simulator either (its tokens are public)', () => {
    const c = loadConfig({ SEED_DEMO: 'false' });
    expect([c.seedDemo, c.simulator.enabled, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(() => loadConfig({ SEED_DEMO: 'false', SIMULATOR: 'true' })).toThrow(/SIMULATOR: .*never with SEED_DEMO=false/);
    expect(loadConfig({ SIMULATOR: 'false' })).toMatchObject({ seedDemo: true, simulator: { enabled: false }, host: '127.0.0.1' });
  });
});
