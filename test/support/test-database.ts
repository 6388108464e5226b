import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * Each spec file gets its own database on the server named by DATABASE_URL, so files run in
 * parallel without seeing each other's data. Without DATABASE_URL, specs use the embedded
 * PostgreSQL (one in-memory instance per app).
 */
export interface TestDatabase {
  url: string | undefined;
  drop(): Promise<void>;
}

export const serverUrl = process.env.DATABASE_URL || undefined;

/** For specs that need a real server: several connections, several processes. */
export const describeOnServer = serverUrl ? describe : describe.skip;

/**
 * An empty database, or with `migrated` a copy of the template the global setup migrated once
 * (empty when there is none, e.g. a spec run without the global setup).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `crm_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = (options.migrated && process.env.CRM_TEST_TEMPLATE_DATABASE) || 'template0';
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template} ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
