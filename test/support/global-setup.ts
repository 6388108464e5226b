import { execFileSync, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Boots the built API once against the template database, which applies every migration, then stops. */
const MIGRATE = `
  import { loadConfig } from './dist/libs/platform/src/index.js';
  import { createApi } from './dist/apps/api/src/create-api.js';
  const config = loadConfig({}, {
    databaseUrl: process.env.CRM_TEST_TEMPLATE_URL, embeddedDataDir: 'memory://', demoData: false,
    logLevel: 'warn', natsUrl: undefined, runSchedules: false,
  });
  const app = await createApi(config);
  await app.init();
  await app.close();
`;

/**
 * Builds dist/ once (specs that run real worker processes start them from it). With a server
 * (DATABASE_URL), also migrates one template database: each spec's database is a copy of it
 * (`CREATE DATABASE … TEMPLATE`), so a spec starts in a fraction of the time the migrations take.
 */
export default async function globalSetup(): Promise<void> {
  execSync('npm run --silent build', { stdio: 'inherit' });
  const server = process.env.DATABASE_URL;
  if (!server) return;
  const name = `crm_test_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  execFileSync(process.execPath, ['--input-type=module', '-e', MIGRATE], { stdio: 'inherit', env: { ...process.env, CRM_TEST_TEMPLATE_URL: url.toString() } });
  // Workers start after this and inherit the variable.
  process.env.CRM_TEST_TEMPLATE_DATABASE = name;
}
