import { readFileSync } from 'node:fs';

/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): the functions with the most self time,
 * and the share of time spent per package (node_modules/<name>), our code, Node's internals and GC.
 *   node dist/bench/profile-summary.js CPU.123.cpuprofile [top] [from-function]
 * With a function name (e.g. `GetFunnelHandler.execute`), only the samples from the first one with that function
 * on its stack count, which leaves the process's start and the benchmark's seeding out.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [path, topArg, fromFunction] = process.argv.slice(2);
if (!path) {
  console.error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [top]');
  process.exit(2);
}
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(path, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parents = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
function hasOnStack(id: number | undefined, functionName: string): boolean {
  for (; id !== undefined; id = parents.get(id)) if (byId.get(id)!.callFrame.functionName === functionName) return true;
  return false;
}
const firstCounted = fromFunction ? profile.samples.findIndex((id) => hasOnStack(id, fromFunction)) : 0;
if (firstCounted < 0) {
  console.error(`no sample has ${fromFunction} on its stack`);
  process.exit(2);
}
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => {
  if (index >= firstCounted) selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
});
const idleIds = new Set(profile.nodes.filter((node) => node.callFrame.functionName === '(idle)').map((node) => node.id));
const total = [...selfMicros].filter(([id]) => !idleIds.has(id)).reduce((sum, [, value]) => sum + value, 0);

function where(url: string): string {
  if (!url) return '(native)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (module) return module[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const ours = /dist\/(libs\/[^/]+|apps\/[^/]+|bench)/.exec(url);
  return ours ? ours[1]! : url;
}

const functions = new Map<string, number>();
const packages = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  if (idleIds.has(id)) continue;
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const name = `${functionName || '(anonymous)'} ${where(url)}:${lineNumber + 1}`;
  functions.set(name, (functions.get(name) ?? 0) + micros);
  const bucket = ['(idle)', '(garbage collector)', '(program)'].includes(functionName) ? functionName : where(url);
  packages.set(bucket, (packages.get(bucket) ?? 0) + micros);
}
const percent = (micros: number) => `${((100 * micros) / total).toFixed(1)}%`;
console.log(`${path}: ${(total / 1e6).toFixed(1)} s busy (idle excluded from the shares)`);
console.log('\nSelf time by package');
for (const [name, micros] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${percent(micros).padStart(7)}  ${name}`);
console.log('\nSelf time by function');
for (const [name, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${percent(micros).padStart(7)}  ${name}`);
