import { ConfigError, loadConfig, type AppConfig } from '@crm/platform';
import { createApi } from './create-api.js';
import { DEMO_LOGINS } from './demo-data.js';

const started = Date.now();
let config: AppConfig;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
const app = await createApi(config);
await app.listen(config.port);
const url = `http://localhost:${config.port}`;
const database = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.embeddedDataDir}`;
process.stdout.write(
  [
    '',
    `CRM API ready in ${Date.now() - started} ms on ${database}`,
    `  Swagger console: ${url}/docs`,
    `  Health:          ${url}/health`,
    ...(config.demoData
      ? ['  Demo logins (password demo1234):', ...DEMO_LOGINS.map((login) => `    ${login.username.padEnd(16)} ${login.roles.join(', ')}`)]
      : []),
    '',
  ].join('\n') + '\n',
);
