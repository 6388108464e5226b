import { spawn } from 'node:child_process';
import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { printTable, ratio, runLoad, withBenchDatabase } from './harness.js';

/**
 * Leads [线索]: web-form submissions through the public endpoint (de-duplication, scoring, history
 * included) against the same statements sent directly with `pg`, then a generated CSV imported
 * through the API with its rows per second and the API process's peak memory.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:leads
 *   BENCH_SUBMISSIONS (default 2000), BENCH_CONCURRENCY (16),
 *   BENCH_IMPORT_ROWS (10000,100000: one import per figure, each in a fresh API process, so peaks compare)
 * Creates and drops its own database.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SUBMISSIONS = Number(process.env.BENCH_SUBMISSIONS ?? 2000);
const IMPORT_ROWS = (process.env.BENCH_IMPORT_ROWS ?? '10000,100000').split(',').map(Number);
const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';

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
  const child = spawn(process.execPath, [resolve('dist/apps/api/src/main.js')], {
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
  const client = await pool.connect();
  const mobile = mobileOf(5, index);
  try {
    await client.query('BEGIN');
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
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
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

export async function benchLeads(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApi({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    const dir = await mkdtemp(join(tmpdir(), 'bench-leads-'));
    let stopped = false;
    try {
      const json = jsonClient(api.base);
      const token = await loginAsAdmin(json);
      const me = await json('/api/v1/me', { method: 'GET', token });

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
      const viaApi = await runLoad('API form submission', { concurrency: CONCURRENCY, total: SUBMISSIONS }, async (index) => {
        const mobile = mobileOf(3, index);
        const response = await fetch(`${api.base}/api/v1/public/forms/bench-form/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ personName: `表单${index}`, mobile, email: `${mobile}@bench.example`, utmSource: 'bench' }),
        });
        if (response.status !== 202) throw new Error(String(response.status));
        await response.arrayBuffer();
      });
      const direct = await runLoad('pg capture (same inserts)', { concurrency: CONCURRENCY, total: SUBMISSIONS }, (index) =>
        directCapture(pool, index, me.body.id as string),
      );
      printTable([viaApi, direct]);
      console.log(ratio(viaApi, direct));
      await api.stop();
      stopped = true;
      // 2. CSV files imported through the API, each into a fresh API process: rows/s and the process's peak memory.
      for (const rows of IMPORT_ROWS) await benchImport(url, rows, dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await pool.end();
      if (!stopped) await api.stop();
    }
  });
}
