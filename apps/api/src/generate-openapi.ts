import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOpenApiDocument, loadConfig } from '@crm/platform';
import { createApi } from './create-api.js';

/** Writes openapi/openapi.json from the code, on a throwaway in-memory database. */
const app = await createApi(
  loadConfig({}, { databaseUrl: undefined, embeddedDataDir: 'memory://', demoData: false, runEventDispatcher: false, logLevel: 'warn' }),
);
await app.init();
const target = resolve(process.cwd(), 'openapi', 'openapi.json');
mkdirSync(resolve(process.cwd(), 'openapi'), { recursive: true });
writeFileSync(target, `${JSON.stringify(createOpenApiDocument(app), null, 2)}\n`);
await app.close();
process.stdout.write(`Wrote ${target}\n`);
