import { spawn } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { inTransaction, printTable, ratio, request, runLoad, startApiProcess, withBenchDatabase, type LoadResult } from './harness.js';

/**
 * Leads [线索]: web-form submissions through the public endpoint (de-duplication, scoring, history
 * included) against the same statements sent directly with `pg`, then a generated CSV imported
 * through the API with its rows per second and the API process's peak memory.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:leads
 *   BENCH_SUBMISSIONS (default 2000), BENCH_CONCURRENCY (16),
 *   BENCH_IMPORT_ROWS (10000,100000: one import per figure, each in a fresh API process, so peaks compare)
 *   BENCH_ASSIGN_LEADS (10000; the issue's figure is 100000), BENCH_RESCORE_LEADS (20000; the issue's is 1000000)
 *   BENCH_PARTS (all of: submissions,import,assign,rescore)
 *   BENCH_API_POOL (database connections of the API process for the submissions: the concurrency, at least 10)
 *   BENCH_API_NODE_ARGS: Node.js options for the API processes (the CPU profiler, the statement counter: docs/performance.md)
 * Creates and drops its own database.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const IMPORT_ROWS = (process.env.BENCH_IMPORT_ROWS ?? '10000,100000').split(',').map(Number);
const ASSIGN_LEADS = Number(process.env.BENCH_ASSIGN_LEADS ?? 10_000);
const RESCORE_LEADS = Number(process.env.BENCH_RESCORE_LEADS ?? 20_000);
const PARTS = new Set((process.env.BENCH_PARTS ?? 'submissions,import,assign,rescore').split(','));
const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';
/** Database connections of the API process under the submission load (as many as the direct run's workers need, at least 10). */
const API_POOL = process.env.BENCH_API_POOL ?? String(Math.max(10, CONCURRENCY));

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The built API as its own process, with its pid (to read its memory from /proc). */
async function startApi(env: Record<string, string>): Promise<{ base: string; pid: number; stop(): Promise<void> }> {
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
      if (attempt > 300) throw new Error('API did not start');
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    base,
    pid: child.pid!,
    stop: () =>
      new Promise((done) => {
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Resident memory now and at its peak (VmRSS, VmHWM), in MB. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const mobileOf = (prefix: number, index: number) => `1${prefix}${String(index).padStart(9, '0')}`;

/** The capture's statements as the API runs them for a new lead (de-duplication look-ups, lead, stay, events, history). */
async function directCapture(pool: pg.Pool, index: number, createdBy: string): Promise<void> {
  const mobile = mobileOf(5, index);
  await inTransaction(pool, async (client) => {
    const found = await client.query(`SELECT id FROM lead.leads WHERE mobile_key = $1 AND status = 'open' ORDER BY id LIMIT 1 FOR UPDATE`, [mobile]);
    if (found.rowCount) throw new Error('duplicate');
    await client.query(`SELECT id FROM lead.leads WHERE email_key = $1 AND status = 'open' LIMIT 1`, [`${mobile}@bench.example`]);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO lead.leads (id, status, person_name, mobile, mobile_key, email, email_key, channel, campaign, pool_id, pool_path, grade,
                               score_contributions, rules_version, scored_at, created_by, created_at, updated_at)
       VALUES (gen_random_uuid(), 'open', $1, $2, $2, $3, $3, 'landing-page', 'BENCH', $4, ARRAY[$4::uuid], 'D', '[]', 1, now(), $5, now(), now())
       ON CONFLICT DO NOTHING RETURNING id`,
      [`直连${index}`, mobile, `${mobile}@bench.example`, MASTER_POOL_ID, createdBy],
    );
    const leadId = rows[0]!.id;
    await client.query(
      `INSERT INTO lead.pool_stays (id, lead_id, pool_id, pool_path, entered_at, entered_by, reason) VALUES (gen_random_uuid(), $1, $2, ARRAY[$2::uuid], now(), $3, 'captured')`,
      [leadId, MASTER_POOL_ID, createdBy],
    );
    const events = await client.query<{ id: string }>(
      `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, actor_id, payload)
       VALUES (gen_random_uuid(), 'bench.lead-captured.v1', 1, clock_timestamp(), 'lead', $1, 'system', $2),
              (gen_random_uuid(), 'bench.lead-scored.v1', 1, clock_timestamp(), 'lead', $1, 'system', $2) RETURNING id`,
      [leadId, JSON.stringify({ leadId, poolId: MASTER_POOL_ID, channel: 'landing-page' })],
    );
    await client.query(
      `INSERT INTO lead.history (event_id, lead_id, occurred_at, actor_id, what, pool_id, channel, how, detail)
       SELECT e, $2, now(), 'system', 'captured', $3, 'landing-page', 'form', '{}' FROM unnest($1::uuid[]) AS e`,
      [events.rows.map((row) => row.id), leadId, MASTER_POOL_ID],
    );
  });
}

/**
 * The submissions as leads: waits until the form inbox is empty and counts the time from the
 * first request, so the figure includes the intake's batches (de-duplication, scoring, assignment).
 */
async function untilCaptured(pool: pg.Pool, accepted: LoadResult, before = 0): Promise<LoadResult> {
  const started = performance.now() - accepted.seconds * 1000;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.form_inbox`);
    if (rows[0]!.n === 0) break;
    await new Promise((done) => setTimeout(done, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.leads WHERE channel = 'landing-page' AND utm_source = 'bench'`);
  if (rows[0]!.n !== before + accepted.operations) throw new Error(`${before + accepted.operations} accepted, ${rows[0]!.n} captured`);
  return { ...accepted, label: 'API form submission, captured', seconds, perSecond: accepted.operations / seconds, p50Ms: NaN, p99Ms: NaN };
}

type Json = (path: string, init: RequestInit & { token?: string }) => Promise<{ status: number; body: Record<string, unknown> }>;

function jsonClient(base: string): Json {
  return async (path, init) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.headers ?? {}) },
    });
    return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
  };
}

async function loginAsAdmin(json: Json): Promise<string> {
  const login = await json('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ username: 'admin', password: 'demo1234' }) });
  return login.body.accessToken as string;
}

/**
 * A generated CSV of `rows` rows imported through a fresh API process: rows per second, and the
 * process's resident memory before, at most while the import ran (sampled), and after.
 */
async function benchImport(url: string, rows: number, dir: string): Promise<void> {
  const api = await startApi({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
  try {
    const json = jsonClient(api.base);
    const token = await loginAsAdmin(json);
    const file = join(dir, `leads-${rows}.csv`);
    const lines = ['姓名,手机,公司,省份,渠道'];
    // Mobiles of their own per file (prefix 16..19 by size), so a second file creates instead of merging.
    const prefix = 6 + (IMPORT_ROWS.indexOf(rows) % 4);
    for (let i = 0; i < rows; i++) lines.push(`导入客户${i},${mobileOf(prefix, i)},导入公司${i % 5000},浙江,exhibition`);
    await writeFile(file, lines.join('\n'));
    lines.length = 0;
    const before = await memoryOf(api.pid);
    const form = new FormData();
    form.append('file', await openAsBlob(file), `leads-${rows}.csv`);
    const importStarted = Date.now();
    const started = await fetch(`${api.base}/api/v1/lead-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const { id } = (await started.json()) as { id: string };
    let peak = before.rss;
    let progress: Record<string, unknown> = {};
    for (;;) {
      await new Promise((done) => setTimeout(done, 250));
      peak = Math.max(peak, (await memoryOf(api.pid)).rss);
      progress = (await json(`/api/v1/lead-imports/${id}`, { method: 'GET', token })).body;
      if (progress.status === 'completed' || progress.status === 'failed') break;
    }
    const importSeconds = (Date.now() - importStarted) / 1000;
    const after = await memoryOf(api.pid);
    console.log(
      `Import of ${rows} CSV rows: ${String(progress.status)}, created ${String(progress.created)}, merged ${String(progress.merged)}, rejected ${String(progress.rejected)} ` +
        `in ${importSeconds.toFixed(1)} s (${Math.round(rows / importSeconds)} rows/s); API resident memory ${before.rss} MB before, ` +
        `${peak} MB at most while it ran (+${peak - before.rss} MB, sampled every 0.25 s), ${after.rss} MB after; VmHWM ${after.peak} MB`,
    );
  } finally {
    await api.stop();
  }
}

/** Imports `rows` generated rows into `poolId` and waits for the end; answers the seconds taken. */
async function importInto(base: string, token: string, file: string, poolId: string): Promise<{ seconds: number; progress: Record<string, unknown> }> {
  const json = jsonClient(base);
  const form = new FormData();
  form.append('file', await openAsBlob(file), file.split('/').pop()!);
  form.append('poolId', poolId);
  const started = Date.now();
  const response = await fetch(`${base}/api/v1/lead-imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const { id } = (await response.json()) as { id: string };
  for (;;) {
    await new Promise((done) => setTimeout(done, 200));
    const progress = (await json(`/api/v1/lead-imports/${id}`, { method: 'GET', token })).body;
    if (progress.status === 'completed' || progress.status === 'failed') return { seconds: (Date.now() - started) / 1000, progress };
  }
}

/**
 * Assigning `count` new leads by combined rules [组合分配]: a pool whose rules send 浙江 to three
 * people and 江苏 to two, round-robin among those of them under their capacity (one of them is
 * capped at a tenth of the leads), and the rest round-robin over the pool's members. The leads come
 * in by file import (the set-based path: loads and cursor move with each batch of 500). The same
 * rows imported into a pool that does not assign (manual) give the baseline in the same run, so
 * the ratio is what the assignment costs, whatever the box's load.
 */
async function benchAssignment(url: string, pool: pg.Pool, dir: string): Promise<void> {
  const api = await startApi({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
  try {
    const json = jsonClient(api.base);
    const token = await loginAsAdmin(json);
    const people = (await pool.query<{ id: string }>(`SELECT id FROM identity.users ORDER BY id LIMIT 6`)).rows.map((row) => row.id);
    if (people.length < 6) throw new Error('the demo data has fewer than 6 users');
    const [z1, z2, z3, j1, j2, other] = people as [string, string, string, string, string, string];
    const createPool = async (name: string, rules: Record<string, unknown>) => {
      const created = await json('/api/v1/lead-pools', {
        method: 'POST',
        token,
        body: JSON.stringify({ name, parentId: MASTER_POOL_ID, memberIds: people, rules }),
      });
      if (created.status !== 201) throw new Error(`pool: ${created.status} ${JSON.stringify(created.body)}`);
      return created.body.id as string;
    };
    const combined = await createPool('压测组合分配池', {
      assignmentStrategy: 'by-rules',
      memberCapacity: { [z1]: Math.ceil(ASSIGN_LEADS / 10) },
      assignmentRules: [
        { id: 'zhejiang', when: [{ fact: 'province', op: 'eq', value: '浙江' }], then: { assigneeIds: [z1, z2, z3], strategy: 'round-robin' } },
        { id: 'jiangsu', when: [{ fact: 'province', op: 'eq', value: '江苏' }], then: { assigneeIds: [j1, j2], strategy: 'round-robin' } },
        { id: 'rest', when: [], then: { assigneeIds: [], strategy: 'round-robin' } },
      ],
    });
    const manual = await createPool('压测手动池', { assignmentStrategy: 'manual' });
    const provinces = ['浙江', '浙江', '江苏', '上海', '广东'];
    const write = async (name: string, prefix: number) => {
      const lines = ['姓名,手机,省份'];
      for (let i = 0; i < ASSIGN_LEADS; i++) lines.push(`分配${i},1${prefix}${String(i).padStart(9, '0')},${provinces[i % provinces.length]}`);
      const file = join(dir, name);
      await writeFile(file, lines.join('\n'));
      return file;
    };
    const assigned = await importInto(api.base, token, await write('assign.csv', 4), combined);
    const baseline = await importInto(api.base, token, await write('manual.csv', 8), manual);
    const owners = await pool.query<{ owner_id: string | null; n: number }>(
      `SELECT owner_id, count(*)::int AS n FROM lead.leads WHERE pool_id = $1 GROUP BY owner_id ORDER BY n DESC`,
      [combined],
    );
    const label = (id: string | null) => (id === null ? 'nobody' : `${[z1, z2, z3, j1, j2, other].indexOf(id) + 1}`);
    console.log(
      `Assignment by combined rules (region, then round-robin within capacity) of ${ASSIGN_LEADS} imported leads: ` +
        `${Math.round(ASSIGN_LEADS / assigned.seconds)} leads/s (${assigned.seconds.toFixed(1)} s, ${String(assigned.progress.created)} created); ` +
        `the same rows into a manual pool: ${Math.round(ASSIGN_LEADS / baseline.seconds)} leads/s; ratio ${(baseline.seconds / assigned.seconds).toFixed(2)}x. ` +
        `Leads per person (1-3 浙江, 1 capped at ${Math.ceil(ASSIGN_LEADS / 10)}; 4-5 江苏): ${owners.rows.map((row) => `${label(row.owner_id)}=${row.n}`).join(' ')}`,
    );
  } finally {
    await api.stop();
  }
}

/**
 * Re-scoring `count` open leads after a rule change [规则变更重算]: the leads are written directly
 * (scored with the rules in force), one attribute rule is added through the API, and the clock
 * runs until no open lead is left on the old rules version (the reaction re-scores in batches of
 * 2,000, each its own transaction, two lanes side by side: locked with SKIP LOCKED, scored in
 * memory, one UPDATE per batch, a lead.scored event and a history line for each lead whose score
 * changed, written with one statement each). The baseline is the same rows rewritten directly in
 * batches of 500, one UPDATE each, in the same run.
 */
async function benchRescoring(url: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle connection closed by the server (the database is dropped at the end) is not a failure.
  pool.on('error', () => undefined);
  const api = await startApi({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
  try {
    const json = jsonClient(api.base);
    const token = await loginAsAdmin(json);
    const current = await fetch(`${api.base}/api/v1/lead-scoring-rules`, { headers: { authorization: `Bearer ${token}` } });
    const rules = (await current.json()) as { version: number; rules: unknown[] } & Record<string, unknown>;
    const creator = (await pool.query<{ id: string }>(`SELECT id FROM identity.users ORDER BY id LIMIT 1`)).rows[0]!.id;
    const seeded = Date.now();
    await pool.query(
      `INSERT INTO lead.leads (id, status, person_name, mobile, mobile_key, province, channel, pool_id, pool_path, grade, rules_version, scored_at,
                               created_by, created_at, updated_at)
       SELECT gen_random_uuid(), 'open', '重算' || g, m, m, CASE WHEN g % 3 = 0 THEN '浙江' ELSE '江苏' END, CASE WHEN g % 2 = 0 THEN 'exhibition' ELSE 'website' END,
              $1, ARRAY[$1::uuid], 'D', $2, now(), $3, now(), now()
         FROM generate_series(1, $4::int) AS g, LATERAL (SELECT '19' || lpad(g::text, 9, '0') AS m) AS k`,
      [MASTER_POOL_ID, rules.version, creator, RESCORE_LEADS],
    );
    await pool.query('ANALYZE lead.leads');
    const seedSeconds = (Date.now() - seeded) / 1000;
    const open = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.leads WHERE status = 'open'`)).rows[0]!.n;
    const { version: _version, ...body } = rules;
    const started = Date.now();
    const replaced = await fetch(`${api.base}/api/v1/lead-scoring-rules`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': current.headers.get('etag')! },
      body: JSON.stringify({
        ...body,
        rules: [
          ...rules.rules,
          { id: 'bench-exhibition', name: '压测展会', kind: 'attribute', field: 'channel', op: 'equals', value: 'exhibition', points: 30 },
        ],
      }),
    });
    if (replaced.status !== 200) throw new Error(`rules: ${replaced.status} ${await replaced.text()}`);
    const version = ((await replaced.json()) as { version: number }).version;
    for (;;) {
      await new Promise((done) => setTimeout(done, 500));
      const stale = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM lead.leads WHERE status = 'open' AND rules_version < $1`, [version]))
        .rows[0]!.n;
      if (stale === 0) break;
    }
    const seconds = (Date.now() - started) / 1000;
    // Baseline: the same rows rewritten directly, 500 per UPDATE, each its own transaction.
    const directStarted = Date.now();
    for (let last = '00000000-0000-0000-0000-000000000000'; ;) {
      const { rows } = await pool.query<{ id: string }>(
        `WITH batch AS (SELECT id FROM lead.leads WHERE status = 'open' AND id > $1 ORDER BY id LIMIT 500 FOR UPDATE)
         UPDATE lead.leads l SET score = l.score + 0, score_contributions = l.score_contributions, scored_at = now(), rules_version = l.rules_version
           FROM batch WHERE l.id = batch.id RETURNING l.id`,
        [last],
      );
      if (rows.length === 0) break;
      last = rows.reduce((max, row) => (row.id > max ? row.id : max), last);
    }
    const directSeconds = (Date.now() - directStarted) / 1000;
    console.log(
      `Re-scoring after a rule change: ${open} open leads (${RESCORE_LEADS} written directly in ${seedSeconds.toFixed(1)} s) re-scored in ${seconds.toFixed(1)} s ` +
        `(${Math.round(open / seconds)} leads/s, each with its lead.scored event and history line); the same rows rewritten directly in batches of 500: ` +
        `${directSeconds.toFixed(1)} s; ratio ${(directSeconds / seconds).toFixed(2)}x`,
    );
  } finally {
    await api.stop();
    await pool.end();
  }
}

export async function benchLeads(serverUrl: string): Promise<void> {
  // Re-scoring in a database of its own: the other parts leave an outbox the dispatcher would deliver first.
  if (PARTS.has('rescore')) await withBenchDatabase(serverUrl, benchRescoring);
  if (![...PARTS].some((part) => part !== 'rescore')) return;
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0', CRM_DATABASE_POOL_SIZE: API_POOL });
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    pool.on('error', () => undefined);
    const dir = await mkdtemp(join(tmpdir(), 'bench-leads-'));
    let stopped = false;
    try {
      const json = jsonClient(api.base);
      const token = await loginAsAdmin(json);
      const me = await json('/api/v1/me', { method: 'GET', token });

      if (PARTS.has('submissions')) await benchSubmissions(json, token, me.body.id as string);
      await api.stop();
      stopped = true;
      // 2. CSV files imported through the API, each into a fresh API process: rows/s and the process's peak memory.
      if (PARTS.has('import')) for (const rows of IMPORT_ROWS) await benchImport(url, rows, dir);
      // 3. and 4. Assignment by combined rules, and re-scoring after a rule change.
      if (PARTS.has('assign')) await benchAssignment(url, pool, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await pool.end();
      if (!stopped) await api.stop();
    }

    async function benchSubmissions(json: Json, token: string, meId: string): Promise<void> {
      // 1. Web-form submissions through the public endpoint against the same inserts sent directly (first,
      // while the outbox is empty: the import's 200,000 events would otherwise be dispatched meanwhile).
      const created = await json('/api/v1/lead-forms', {
        method: 'POST',
        token,
        body: JSON.stringify({
          key: 'bench-form',
          name: '压测表单',
          poolId: MASTER_POOL_ID,
          channel: 'landing-page',
          campaign: 'BENCH',
          fields: [
            { name: 'personName', required: true },
            { name: 'mobile', required: true },
            { name: 'email', required: false },
          ],
          maxPerAddressPerMinute: 10000,
          maxPerMinute: 1000000,
        }),
      });
      if (created.status !== 201) throw new Error(`form: ${created.status} ${JSON.stringify(created.body)}`);
      await pool.query('ANALYZE');
      const submit = async (index: number) => {
        const mobile = mobileOf(3, index);
        const response = await request(`${api.base}/api/v1/public/forms/bench-form/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personName: `表单${index}`, mobile, email: `${mobile}@bench.example`, utmSource: 'bench' }),
        });
        if (response.status !== 202) throw new Error(String(response.status));
      };
      // Both sides warm up first (the API's code and connections, the statements' plans) with people of their own, not counted.
      const warmUp = { concurrency: CONCURRENCY, total: Math.ceil(SUBMISSIONS / 10) };
      await untilCaptured(pool, await runLoad('warm-up', warmUp, (index) => submit(SUBMISSIONS + index)));
      await runLoad('warm-up', warmUp, (index) => directCapture(pool, SUBMISSIONS + index, meId));
      const cpuBefore = api.cpuSeconds();
      const viaApi = await runLoad('API form submission', { concurrency: CONCURRENCY, total: SUBMISSIONS }, submit);
      // Accepted is not captured: the submissions count once each is a lead (the inbox drained), from the first request on.
      const captured = await untilCaptured(pool, viaApi, warmUp.total);
      const cpuMs = ((api.cpuSeconds() - cpuBefore) * 1000) / SUBMISSIONS;
      const direct = await runLoad('pg capture (same inserts)', { concurrency: CONCURRENCY, total: SUBMISSIONS }, (index) => directCapture(pool, index, meId));
      printTable([viaApi, captured, direct]);
      console.log(ratio(viaApi, direct));
      console.log(`captured end to end / pg capture (same inserts): throughput ${(captured.perSecond / direct.perSecond).toFixed(2)}x`);
      console.log(`API process CPU per submission, accepted and captured: ${cpuMs.toFixed(2)} ms (${API_POOL} database connections)`);
    }
  });
}
