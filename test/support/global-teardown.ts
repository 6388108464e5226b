import pg from 'pg';

/** Drops the migrated template database the global setup made. */
export default async function globalTeardown(): Promise<void> {
  const server = process.env.DATABASE_URL;
  const name = process.env.CRM_TEST_TEMPLATE_DATABASE;
  if (!server || !name) return;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
