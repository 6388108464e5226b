import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * Starts the built API (dist/) as its own process and waits for /health. BENCH_API_NODE_ARGS adds
 * Node.js options to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` or
 * `--import ./dist/bench/statement-counter.js` (see docs/performance.md).
 */
export async function startApiProcess(env: Record<string, string>): Promise<{ base: string; cpuSeconds(): number; stop(): Promise<void> }> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve('dist/apps/api/src/main.js')], {
    env: { ...process.env, LOG_LEVEL: 'error', PORT: String(port), ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      if (attempt > 1200) throw new Error('API did not start');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    base,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * CPU time (user + system) a process has used so far, from /proc (Linux). Unlike throughput it
 * hardly moves when other work shares the machine, so it shows what a change saves per request.
 */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

export interface LoadResult {
  label: string;
  operations: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/**
 * Runs `task(i)` for i = 0..total-1 with `concurrency` workers in flight, and reports throughput
 * and latency percentiles. Bounded in count, so it always stops by itself.
 */
export async function runLoad(label: string, options: { concurrency: number; total: number }, task: (index: number) => Promise<void>): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (;;) {
        const index = next++;
        if (index >= options.total) return;
        const begin = performance.now();
        try {
          await task(index);
          latencies.push(performance.now() - begin);
        } catch (error) {
          // The first failure is shown, so a run with errors says why.
          if (errors++ === 0) console.error(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    label,
    operations: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 0.5) * 100) / 100,
    p99Ms: Math.round(percentile(latencies, 0.99) * 100) / 100,
    errors,
  };
}

export function printTable(results: LoadResult[]): void {
  console.table(
    results.map(({ label, operations, perSecond, p50Ms, p99Ms, errors }) => ({
      label,
      operations,
      'ops/s': perSecond,
      'p50 ms': p50Ms,
      'p99 ms': p99Ms,
      errors,
    })),
  );
}

export function ratio(api: LoadResult, direct: LoadResult): string {
  return `${api.label} / ${direct.label}: throughput ${(api.perSecond / direct.perSecond).toFixed(2)}x, p50 ${(api.p50Ms / direct.p50Ms).toFixed(1)}x`;
}

/** Runs a benchmark on a database of its own on the server, dropped afterwards whatever happens. */
export async function withBenchDatabase(serverUrl: string, run: (url: string) => Promise<void>): Promise<void> {
  const name = `crm_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
