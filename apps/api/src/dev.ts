import { spawn, spawnSync } from 'node:child_process';
import { existsSync, watch } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run dev`: the API rebuilt and restarted on every change. swc compiles each changed file into
 * dist/ with the settings `npm run build` uses, and `node --watch` restarts the API when its
 * compiled files change. Configuration comes from the environment, as for `npm start`.
 */
const SOURCES = ['apps', 'libs'];
const changed = new Set<string>();
let debounce: NodeJS.Timeout | undefined;

function compileChanged(): void {
  const files = [...changed].filter((file) => existsSync(file));
  changed.clear();
  if (files.length === 0) return;
  const swc = spawnSync(join('node_modules', '.bin', 'swc'), [...files, '-d', 'dist', '--config-file', '.swcrc', '--quiet'], { stdio: 'inherit' });
  if (swc.status !== 0) process.stderr.write(`Could not compile ${files.join(', ')}; fix it and save again.\n`);
}

for (const folder of SOURCES) {
  watch(folder, { recursive: true }, (_event, file) => {
    if (!file || !file.endsWith('.ts') || file.endsWith('.spec.ts')) return;
    changed.add(join(folder, file));
    clearTimeout(debounce);
    debounce = setTimeout(compileChanged, 100);
  });
}

const api = spawn(process.execPath, ['--watch', 'dist/apps/api/src/main.js'], { stdio: 'inherit' });
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
// Ctrl-C reaches the API too (same terminal); wait for it to shut down cleanly.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => api.kill('SIGTERM'));
