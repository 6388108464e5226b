import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { processCpuSeconds, runLoad, withBenchDatabase } from './harness.js';

/**
 * The API's own CPU per request for one GET, on two or more builds side by side in one run (each a checkout with
 * its dist/ built), taking turns, on one database with the demo data. What a change to the per-request path
 * saves, measured without the rest of the machine's load moving the comparison.
 *   node dist/bench/request-ab.js /path/to/before /path/to/after
 * BENCH_AB_PATH (default the funnel), BENCH_AB_USER (rep.li), BENCH_AB_REQUESTS per turn (600), BENCH_AB_ROUNDS (3),
 * BENCH_CONCURRENCY (4), BENCH_API_NODE_ARGS (e.g. the CPU profiler, with CPU_PROFILE_FILE), BENCH_AB_DATABASE: the name of
 * an existing database on the server to use instead of a new one with the demo data (e.g. `crm_bench_opportunities_100000`,
 * kept by `BENCH_OPPORTUNITY_KEEP=1`), kept as it is.
 */
const PATH = process.env.BENCH_AB_PATH ?? '/api/v1/opportunities/funnel';
const REQUESTS = Number(process.env.BENCH_AB_REQUESTS ?? 600);
const ROUNDS = Number(process.env.BENCH_AB_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE = process.env.BENCH_AB_DATABASE;

async function start(checkout: string, url: string, port: number): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve(checkout, 'dist/apps/api/src/main.js')], {
    cwd: checkout,
    env: { ...process.env, DATABASE_URL: url, CRM_DEMO: '1', LOG_LEVEL: 'error', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (attempt > 1200) throw new Error(`${checkout}: API did not start`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return { base, pid: child.pid!, stop: () => new Promise((done) => child.once('exit', () => done()).kill('SIGTERM')) };
}

const checkouts = process.argv.slice(2).map((path) => resolve(path));
if (checkouts.length === 0) {
  console.error('usage: node dist/bench/request-ab.js <checkout> [<checkout> …]');
  process.exit(2);
}
await withBenchDatabase(
  SERVER,
  async (url) => {
    const apis = [];
    for (const [index, checkout] of checkouts.entries()) apis.push(await start(checkout, url, 41000 + index + Math.floor(Math.random() * 1000) * 8));
    try {
      const login = await fetch(`${apis[0]!.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: process.env.BENCH_AB_USER ?? 'rep.li', password: 'demo1234' }),
      });
      const headers = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
      const call = (base: string) => async () => {
        const response = await fetch(`${base}${PATH}`, { headers });
        if (response.status !== 200) throw new Error(String(response.status));
        await response.arrayBuffer();
      };
      for (const api of apis) await runLoad('warm-up', { concurrency: CONCURRENCY, total: 300 }, call(api.base));
      const totals = apis.map(() => ({ cpu: 0, requests: 0, perSecond: [] as number[], p50: [] as number[], errors: 0 }));
      for (let round = 0; round < ROUNDS; round++) {
        for (const [index, api] of apis.entries()) {
          const before = processCpuSeconds(api.pid);
          const result = await runLoad(checkouts[index]!, { concurrency: CONCURRENCY, total: REQUESTS }, call(api.base));
          const total = totals[index]!;
          total.cpu += processCpuSeconds(api.pid) - before;
          total.requests += result.operations;
          total.perSecond.push(result.perSecond);
          total.p50.push(result.p50Ms);
          total.errors += result.errors;
        }
      }
      for (const [index, total] of totals.entries()) {
        console.log(
          `${checkouts[index]}: API CPU per request ${((total.cpu * 1000) / total.requests).toFixed(2)} ms; requests/s ${total.perSecond.join(', ')}; ` +
            `p50 ${total.p50.join(', ')} ms; errors ${total.errors}`,
        );
      }
    } finally {
      for (const api of apis) await api.stop();
    }
  },
  DATABASE ? { keepAs: DATABASE } : {},
);
