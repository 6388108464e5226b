import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOpenApiDocument, loadConfig } from '@crm/platform';
import { parse } from 'yaml';
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

/**
 * The hand-written AsyncAPI catalogue gets one `receive` operation per channel, rewritten from its channels
 * (only the `operations:` block changes), so appending a channel and running `npm run openapi` is enough.
 */
const catalogueFile = resolve(process.cwd(), 'openapi', 'asyncapi.yaml');
const catalogue = readFileSync(catalogueFile, 'utf8');
const channels = (parse(catalogue) as { channels: Record<string, { messages: Record<string, unknown> }> }).channels;
const operations = Object.entries(channels).flatMap(([channel, { messages }]) =>
  Object.keys(messages).map((message) =>
    [
      `  receive${message[0]!.toUpperCase()}${message.slice(1)}:`,
      `    action: receive`,
      `    channel: { $ref: '#/channels/${channel}' }`,
      `    messages: [{ $ref: '#/channels/${channel}/messages/${message}' }]`,
    ].join('\n'),
  ),
);
const block = /\noperations:\n[\s\S]*?\n(?=components:)/;
if (!block.test(catalogue)) throw new Error(`${catalogueFile}: no operations block before components`);
writeFileSync(catalogueFile, catalogue.replace(block, `\noperations:\n${operations.join('\n')}\n`));
process.stdout.write(`Wrote ${operations.length} operations into ${catalogueFile}\n`);
