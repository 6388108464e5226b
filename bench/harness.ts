import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
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

/** The last bytes a child process wrote (stdout and stderr together), kept for the error when it fails. */
class OutputTail {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit = 16_000) {}

  add(chunk: Buffer | string): void {
    const text = chunk.toString();
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  toString(): string {
    return this.chunks.join('').slice(-this.limit);
  }
}

interface ChildProcessHandle {
  pid: number;
  /** Everything the child wrote last (stdout and stderr), for error messages. */
  output(): string;
  /** How the child ended ("code 1", "signal SIGABRT"), or null while it runs. */
  exitStatus(): string | null;
  cpuSeconds(): number;
  stop(): Promise<void>;
}

/**
 * Starts a built entry point (dist/) as its own process. Its stdout and stderr are always read
 * (the JSON logger writes errors, including a failed start, to stdout): stderr goes on to ours,
 * and the last 16 kB of both are kept for `output()`. `nodeOptions`: Node.js options, space-separated.
 */
export function spawnBuilt(entry: string, env: Record<string, string>, nodeOptions = ''): ChildProcessHandle {
  const nodeArgs = nodeOptions.split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, resolve(entry)], {
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = new OutputTail();
  child.stdout!.on('data', (chunk: Buffer) => tail.add(chunk));
  child.stderr!.on('data', (chunk: Buffer) => {
    tail.add(chunk);
    process.stderr.write(chunk);
  });
  let status: string | null = null;
  const exit = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      status = signal ? `signal ${signal}` : `code ${code}`;
      done();
    }),
  );
  return {
    pid: child.pid!,
    output: () => tail.toString(),
    exitStatus: () => status,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: async () => {
      if (status === null) child.kill('SIGTERM');
      await exit;
    },
  };
}

/**
 * Starts the built API (dist/) as its own process and waits for /health. Fails at once, with the
 * child's exit code and last output, when the child exits before answering; and after
 * BENCH_API_START_SECONDS (default 120) if it neither answers nor exits. BENCH_API_NODE_ARGS adds
 * Node.js options to it, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` or
 * `--import ./dist/bench/statement-counter.js` (see docs/performance.md).
 */
export async function startApiProcess(
  env: Record<string, string>,
  /** Node.js options of this benchmark's own (a preload), beside BENCH_API_NODE_ARGS. */
  nodeArgs?: string,
): Promise<{ base: string; startSeconds: number; cpuSeconds(): number; stop(): Promise<void> }> {
  const port = await freePort();
  const started = performance.now();
  const limitMs = Number(process.env.BENCH_API_START_SECONDS ?? 120) * 1000;
  const args = [process.env.BENCH_API_NODE_ARGS, nodeArgs].filter(Boolean).join(' ') || undefined;
  const child = spawnBuilt('dist/apps/api/src/main.js', { PORT: String(port), ...env }, args);
  const base = `http://127.0.0.1:${port}`;
  let lastAnswer: string;
  for (;;) {
    if (child.exitStatus() !== null) break;
    try {
      const response = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5000) });
      if (response.ok) {
        await response.arrayBuffer();
        const startSeconds = Math.round(performance.now() - started) / 1000;
        return { base, startSeconds, cpuSeconds: () => child.cpuSeconds(), stop: () => child.stop() };
      }
      lastAnswer = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastAnswer = (error as Error).message;
    }
    if (performance.now() - started > limitMs) {
      await child.stop();
      throw new Error(`API did not answer /health within ${limitMs / 1000} s (last: ${lastAnswer}). Its last output:\n${child.output()}`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(
    `API process exited (${child.exitStatus()}) ${((performance.now() - started) / 1000).toFixed(1)} s after its start, before answering /health. Its last output:\n${child.output()}`,
  );
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
  /** The first failure's message, so a run with errors says why. */
  firstError?: string;
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
  let firstError: string | undefined;
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
          errors++;
          firstError ??= (error as Error).message;
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
    ...(firstError === undefined ? {} : { firstError }),
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
  for (const result of results) {
    if (result.firstError) console.log(`${result.label}: ${result.errors} failed, the first with: ${result.firstError}`);
  }
}

export function ratio(api: LoadResult, direct: LoadResult): string {
  return `${api.label} / ${direct.label}: throughput ${(api.perSecond / direct.perSecond).toFixed(2)}x, p50 ${(api.p50Ms / direct.p50Ms).toFixed(1)}x`;
}

/**
 * Runs a benchmark on a database of its own on the server, dropped afterwards whatever happens; or, with `keepAs`,
 * on the database of that name, made when missing and kept afterwards (`reused`: it was there already).
 */
export async function withBenchDatabase(
  serverUrl: string,
  run: (url: string, reused: boolean) => Promise<void>,
  options: { keepAs?: string } = {},
): Promise<void> {
  // keepAs: a fixed name, made once and kept after the run (not dropped), so the next run finds it seeded.
  const name = options.keepAs ?? `crm_bench_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  const reused = options.keepAs !== undefined && rowCount === 1;
  if (!reused) await admin.query(`CREATE DATABASE ${name}`);
  console.log(`(database ${name}, ${options.keepAs === undefined ? 'dropped at the end' : 'kept'})`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    await run(url.toString(), reused);
  } finally {
    if (options.keepAs === undefined) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    else console.log(`Kept the database ${name} (drop it with DROP DATABASE ${name} WITH (FORCE))`);
    await admin.end();
  }
}

/**
 * The load generator's HTTP client. `fetch` (undici) costs the generator several times the CPU per
 * request of the pg client on the other side, on the same cores as the API: `BENCH_HTTP_CLIENT=fetch`
 * keeps it; by default requests go through node:http over kept-alive connections, the lighter client.
 */
const USE_FETCH = process.env.BENCH_HTTP_CLIENT === 'fetch';
const keptAlive = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request to the API: its status and whole body. */
export function request(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: Buffer }> {
  if (USE_FETCH) {
    return fetch(url, init).then(async (response) => ({ status: response.status, body: Buffer.from(await response.arrayBuffer()) }));
  }
  return new Promise((done, fail) => {
    const outgoing = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: keptAlive }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
      response.on('error', fail);
    });
    outgoing.on('error', fail);
    outgoing.end(init.body);
  });
}

/** One statement of a transaction the API sent, as `statement-recorder` wrote it down. */
interface RecordedStatement {
  text: string;
  values: unknown[];
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/**
 * The transactions `statement-recorder` wrote, ready to be sent again directly: `replay(i, pool)`
 * sends the i-th one's statements in a transaction of its own, with the ids that transaction made
 * (uuids no other recorded transaction mentions) replaced by fresh ones, consistently, and
 * `rename` applied to every string (names that must stay unique), so the same SQL does the same
 * work again beside what the API already wrote.
 */
export function recordedTransactions(file: string, rename: (value: string) => string = (value) => value) {
  const transactions = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as RecordedStatement[]);
  const seenIn = new Map<string, number>();
  for (const transaction of transactions) {
    const ids = new Set(JSON.stringify(transaction.map((statement) => statement.values)).match(UUID) ?? []);
    for (const id of ids) seenIn.set(id, (seenIn.get(id) ?? 0) + 1);
  }
  return {
    count: transactions.length,
    async replay(index: number, pool: pg.Pool): Promise<void> {
      const fresh = new Map<string, string>();
      const rewrite = (value: unknown): unknown => {
        if (typeof value === 'string') {
          return rename(value).replace(UUID, (id) => {
            if (seenIn.get(id) !== 1) return id;
            if (!fresh.has(id)) fresh.set(id, randomUUID());
            return fresh.get(id)!;
          });
        }
        if (Array.isArray(value)) return value.map(rewrite);
        if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner)]));
        return value;
      };
      await inTransaction(pool, async (client) => {
        for (const statement of transactions[index % transactions.length]!) await client.query(statement.text, statement.values.map(rewrite));
      });
    },
  };
}

/** Runs `work` on one connection of the pool in a transaction: committed when it returns, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('START TRANSACTION');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * PostgreSQL's own account of a phase, from `pg_stat_statements` when the server loads it
 * (`shared_preload_libraries`): `reset` before the phase, `print` after it lists the statements of
 * this database that took the most execution and planning time. Prints a note and does nothing
 * when the server does not load the extension.
 */
export async function statementProfile(pool: pg.Pool): Promise<{ reset(): Promise<void>; print(title: string, top?: number): Promise<void> }> {
  const loaded = await pool
    .query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`)
    .then(() => pool.query(`SELECT 1 FROM pg_stat_statements LIMIT 1`))
    .then(
      () => true,
      () => false,
    );
  if (!loaded) console.log('(pg_stat_statements is not loaded by this server: no statement profile)');
  return {
    async reset() {
      if (loaded) await pool.query(`SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)`);
    },
    async print(title: string, top = 8) {
      if (!loaded) return;
      const { rows } = await pool.query<{ calls: string; exec_ms: string; plan_ms: string; mean_ms: string; rows: string; query: string }>(
        `SELECT calls, round(total_exec_time)::text AS exec_ms, round(total_plan_time)::text AS plan_ms,
                round((total_exec_time / calls)::numeric, 3)::text AS mean_ms, rows,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS query
           FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`,
        [top],
      );
      const [total] = (
        await pool.query<{ exec_ms: string; calls: string }>(
          `SELECT round(sum(total_exec_time + total_plan_time))::text AS exec_ms, sum(calls)::text AS calls FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        )
      ).rows;
      console.log(`PostgreSQL statements, ${title}: ${total!.exec_ms} ms executing and planning in ${total!.calls} statements; the top ${top}:`);
      console.table(rows);
    },
  };
}
