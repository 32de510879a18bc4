/**
 * Global setup of the database tests: one PostgreSQL server for the run (embedded in a temporary
 * directory, or TEST_DATABASE_URL), a template database migrated once, and every test file gets
 * its own fresh copy of it (see test/helpers/server.ts).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/server/db/embedded';
import { migrate } from '../../src/server/db/migrate';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

const quiet = { info: () => {}, debug: () => {}, warn: (m: string) => console.warn(m) };

export default async function setup(project: TestProject) {
  let embedded: EmbeddedDatabase | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'aix-test-'));
    await fs.chmod(tmp, 0o755); // the embedded server runs as the postgres user when we are root
    embedded = await startEmbeddedPostgres(tmp, quiet);
    adminUrl = embedded.url.replace(/\/aesthetix$/, '/postgres');
  }
  const templateDb = `aix_tmpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${templateDb}`);
  const url = new URL(adminUrl);
  url.pathname = `/${templateDb}`;
  await migrate(url.toString());
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);

  return async () => {
    // Databases of this run (the template and its copies) go away with it.
    const dbs = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`aix_%_${process.pid}_%`]);
    for (const { datname } of dbs.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  };
}
