/** Demo safety in the configuration: who gets demo data and the simulator, and where the server listens. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { simulatorConfig } from '../../src/demo/config';

const DB = 'postgres://x@h/db';
/** What the launcher (npm start) decides: the server's configuration and whether the simulator runs. */
const both = (env: Record<string, string>) => {
  const c = loadConfig(env);
  return { c, simulator: simulatorConfig(env, c).enabled };
};

describe('demo mode', () => {
  it('the embedded defaults: demo data, simulator, 127.0.0.1 unless HOST is set', () => {
    const { c, simulator } = both({});
    expect([c.seedDemo, simulator, c.host]).toEqual([true, true, '127.0.0.1']);
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('an own database: no demo, all interfaces; with SEED_DEMO=true the demo again keeps to 127.0.0.1', () => {
    const { c, simulator } = both({ DATABASE_URL: DB });
    expect([c.seedDemo, simulator, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(loadConfig({ DATABASE_URL: DB, SEED_DEMO: 'true' }).host).toBe('127.0.0.1');
  });

  it('NODE_ENV=production: never demo users nor the simulator, even on the embedded database', () => {
    const { c, simulator } = both({ NODE_ENV: 'production' });
    expect([c.seedDemo, simulator, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(c.providers.twilio).toBe('https://api.twilio.com');
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/SEED_DEMO: the demo logins are public/);
    expect(() => both({ NODE_ENV: 'production', SIMULATOR: 'true' })).toThrow(/SIMULATOR: .*never when NODE_ENV=production/);
  });

  it('SEED_DEMO=false: no simulator either (its tokens are public)', () => {
    const { c, simulator } = both({ SEED_DEMO: 'false' });
    expect([c.seedDemo, simulator, c.host]).toEqual([false, false, '0.0.0.0']);
    expect(() => both({ SEED_DEMO: 'false', SIMULATOR: 'true' })).toThrow(/SIMULATOR: .*never with SEED_DEMO=false/);
    const off = both({ SIMULATOR: 'false' });
    expect([off.c.seedDemo, off.simulator, off.c.host]).toEqual([true, false, '127.0.0.1']);
  });

  it('the server itself points at the real providers unless told otherwise (the launcher points it at the simulator)', () => {
    expect(loadConfig({}).providers).toEqual({
      twilio: 'https://api.twilio.com',
      metaGraph: 'https://graph.facebook.com',
      whatsappGraph: 'https://graph.facebook.com',
      googleBusiness: 'https://mybusiness.googleapis.com',
    });
    expect(loadConfig({}).mail.url).toBeUndefined();
  });
});
