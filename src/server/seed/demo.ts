import type { Pool } from '../db/pool';

/** Placeholder: replaced by the demo data seeder. */
export async function seedDemo(_pool: Pool, _log: { info(msg: string): void }): Promise<void> {}
