/**
 * The launcher's own settings: whether the provider simulator runs beside the app (SIMULATOR,
 * default on for the zero-setup embedded database with its demo data) and where it listens
 * (SIMULATOR_PORT, SIMULATOR_SMTP_PORT). Its accounts' tokens are public, so it never runs without
 * the demo data: not in production, not with SEED_DEMO=false.
 */
import { z } from 'zod';
import type { Config } from '../server/config';

const Env = z.object({
  SIMULATOR: z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes').optional(),
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(3030),
  SIMULATOR_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
});

export interface SimulatorConfig {
  enabled: boolean;
  port: number;
  smtpPort: number;
}

export function simulatorConfig(env: NodeJS.ProcessEnv, server: Pick<Config, 'seedDemo' | 'production' | 'databaseUrl'>): SimulatorConfig {
  const set = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SIMULATOR') && v !== undefined && v !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const e = parsed.data;
  if (e.SIMULATOR === true && !server.seedDemo) {
    throw new Error(
      `Invalid configuration:\n  SIMULATOR: the provider simulator runs only with the demo data (its tokens are public), never ${server.production ? 'when NODE_ENV=production' : 'with SEED_DEMO=false'}`,
    );
  }
  return { enabled: server.seedDemo && (e.SIMULATOR ?? !server.databaseUrl), port: e.SIMULATOR_PORT, smtpPort: e.SIMULATOR_SMTP_PORT };
}
