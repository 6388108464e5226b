import http from 'node:http';
import pg from 'pg';
import { funnelReadModelStatement, funnelStatement } from '../libs/opportunity/src/application/queries/get-funnel/get-funnel.handler.js';
import type { FunnelFilters } from '../libs/opportunity/src/application/queries/get-funnel/get-funnel.query.js';
import { forecastAnswerStatement, forecastStatement } from '../libs/opportunity/src/application/reports/forecast-figures.js';
import { printTable, ratio, runLoad, startApiProcess, withBenchDatabase, type LoadResult } from './harness.js';

/**
 * Funnel [销售漏斗] and forecast [销售预测] through the whole API against the very statements the handlers
 * build, sent directly with `pg`, at 100k and at 1M opportunities (200 owners, 24 months of close dates,
 * a stage history of one to five rows each). Once for a rep (their own 1/200th) and once for the
 * administrator (everything), so the cost per row shows.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:opportunities
 * It creates and drops its own database per size (or keeps and reuses one: BENCH_OPPORTUNITY_KEEP=1, below).
 *
 * Measured 2026-11-25 on the shared 2-core machine (PostgreSQL beside the API, other engineers' jobs running),
 * concurrency 4, p50 / p99 in ms. 100k: 20 requests; 1M: 8 requests (BENCH_OPPORTUNITY_SIZES=1000000
 * BENCH_REPORT_REQUESTS=8), twice: before and after the narrowed funnel read the history per opportunity.
 *
 *                       100k               1M (history joined)      1M (history per opportunity, current code)
 *   funnel rep     API      46 / 108           727 / 764               371 / 391
 *                  SQL      19 / 60            469 / 617               252 / 294
 *   funnel admin   API    5104 / 6203        47673 / 54600           45047 / 46414
 *                  SQL    5352 / 6419        45327 / 47078           44357 / 46741
 *   forecast rep   API      50 / 116            76 / 105                60 / 122
 *                  SQL     7.7 / 23             36 / 53                 23 / 33
 *   forecast admin API     468 / 936          2405 / 2525             2071 / 2135
 *                  SQL     197 / 252          1972 / 2688             1825 / 2367
 *
 * The API adds some 10–40 ms per request (HTTP, auth, the scope and identity lookups): 1.0–1.1× on the slow
 * statements, up to 6× on the fastest. The cost is not flat: it grows with the rows (10× the rows, ~9× the
 * time for everyone's funnel and forecast; the rep's own 5,000 opportunities lie on as many heap pages). The
 * direct query misses the goal (funnel well under 200 ms p50 at 1M): 252 ms for a rep, 44 s for everyone;
 * see libs/opportunity/README.md for the read model proposed instead.
 *
 * Since then: the read model, its period columns and fine stay buckets, the forecast rolled up in SQL; figures in
 * libs/opportunity/README.md. Sizes: BENCH_OPPORTUNITY_SIZES (default 100000,1000000); some measurements only:
 * BENCH_OPPORTUNITY_ONLY (labels, comma-separated, e.g. `funnel rep,funnel admin`); after the per-size
 * tables and ratios, each figure's p50 at the largest size against the smallest.
 */
const SIZES = (process.env.BENCH_OPPORTUNITY_SIZES ?? '100000,1000000').split(',').map(Number);
const OWNERS = 200;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const REQUESTS = Number(process.env.BENCH_REPORT_REQUESTS ?? 20);
const TIME_ZONE = 'Asia/Shanghai';
/** Only the measurements with these labels (e.g. `funnel rep,funnel admin`), while iterating. */
const ONLY = process.env.BENCH_OPPORTUNITY_ONLY?.split(',').map((name) => name.trim());
const PIPELINE = '00000000-0000-7000-8000-00000000b001';
/**
 * BENCH_OPPORTUNITY_KEEP=1: each size's database is `crm_bench_opportunities_<size>`, kept after the run and reused by
 * the next one (the API's start-up migrates it; seeded only when it does not hold that many opportunities yet), so
 * iterations skip the seed. Drop them when done: `DROP DATABASE crm_bench_opportunities_1000000 WITH (FORCE)`.
 */
const KEEP = process.env.BENCH_OPPORTUNITY_KEEP === '1';
/**
 * The API is called with node:http over kept-alive connections, as every benchmark does (see `request` in the harness);
 * BENCH_HTTP_CLIENT=fetch uses fetch, whose own CPU per request (printed as "client CPU") is several times the pg
 * client's on the other side, on the same two cores.
 */
const NODE_HTTP = process.env.BENCH_HTTP_CLIENT !== 'fetch';
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** GET with node:http: the status and the whole body. */
function httpGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((done, fail) => {
    http
      .get(url, { agent, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
        response.on('error', fail);
      })
      .on('error', fail);
  });
}

async function seed(pool: pg.Pool, size: number, repId: string): Promise<string[]> {
  const owners = [repId, ...Array.from({ length: OWNERS - 1 }, () => crypto.randomUUID())];
  const started = Date.now();
  // Rows go in directly, the read model's triggers off; it is rebuilt once at the end, as the migration does.
  await pool.query('ALTER TABLE opportunity.opportunities DISABLE TRIGGER USER');
  await pool.query('ALTER TABLE opportunity.stage_changes DISABLE TRIGGER USER');
  // Stage by i: positions 0..3 open (40 %), 4 won (35 %), 5 lost (25 %); close dates over 24 months from 2026-01.
  await pool.query(
    `INSERT INTO opportunity.opportunities (id, customer_id, name, type, pipeline_id, stage_id, stage_entered_at, status, amount, currency,
                                            expected_close_date, source_kind, owner_id, won_at, lost_at, created_at, created_by, updated_at, version)
     SELECT gen_random_uuid(), gen_random_uuid(), '基准商机' || i, 'new', $1, s.id, now(), s.outcome,
            round((1000 + (i::bigint * 7919) % 900000) / 7.0, 2), 'CNY', DATE '2026-01-01' + (i % 730), 'manual', ($2::uuid[])[1 + i % ${OWNERS}],
            CASE WHEN s.outcome = 'won' THEN TIMESTAMPTZ '2026-01-01 00:00+08' + (i % 730) * interval '1 day' END,
            CASE WHEN s.outcome = 'lost' THEN now() END,
            TIMESTAMPTZ '2025-12-01 00:00+08' + (i % 700) * interval '1 day', $3, now(), 1
       FROM generate_series(1, $4) AS i
       JOIN opportunity.stages s ON s.pipeline_id = $1 AND s.position = (ARRAY[0, 1, 2, 3, 4, 4, 4, 3, 5, 5, 4, 4, 2, 1, 4, 4, 5, 5, 0, 5])[1 + i % 20]`,
    [PIPELINE, owners, repId, size],
  );
  // History: created in the first stage, then one move per stage up to the current one (won / lost from the last open one).
  await pool.query(
    `INSERT INTO opportunity.stage_changes (id, opportunity_id, from_stage_id, from_stage_name, to_stage_id, to_stage_name, probability, changed_at,
                                            changed_by, seconds_in_previous_stage, cause)
     SELECT gen_random_uuid(), o.id, prev.id, prev.name, next.id, next.name, next.probability,
            o.created_at + step * interval '3 days', o.owner_id, CASE WHEN step = 0 THEN NULL ELSE 259200 + (hashtext(o.id::text) & 65535) END,
            CASE WHEN step = 0 THEN 'created' ELSE 'manual' END
       FROM opportunity.opportunities o
       JOIN opportunity.stages cur ON cur.id = o.stage_id
      CROSS JOIN LATERAL generate_series(0, LEAST(cur.position, 4)) AS step
       JOIN opportunity.stages next ON next.pipeline_id = o.pipeline_id
                                   AND next.position = CASE WHEN step = LEAST(cur.position, 4) THEN cur.position ELSE step END
       LEFT JOIN opportunity.stages prev ON prev.pipeline_id = o.pipeline_id AND step > 0 AND prev.position = step - 1`,
  );
  await pool.query('ALTER TABLE opportunity.opportunities ENABLE TRIGGER USER');
  await pool.query('ALTER TABLE opportunity.stage_changes ENABLE TRIGGER USER');
  const rebuilt = Date.now();
  await pool.query('SELECT opportunity.refresh_report_contributions(NULL)');
  console.log(`Read model rebuilt in ${Date.now() - rebuilt} ms`);
  // VACUUM as autovacuum would after a bulk load: the median's index-only reads need the visibility map.
  for (const table of [
    'opportunities',
    'stage_changes',
    'report_contributions',
    'funnel_totals',
    'funnel_stays',
    'funnel_stay_buckets',
    'funnel_stay_fine',
    'funnel_pipeline_stay_buckets',
    'funnel_period_totals',
    'funnel_period_stays',
    'funnel_period_fine',
    'forecast_monthly',
  ]) {
    await pool.query(`VACUUM ANALYZE opportunity.${table}`);
  }
  const { rows } = await pool.query<{ count: string }>('SELECT count(*) FROM opportunity.stage_changes');
  console.log(`Seeded ${size} opportunities (${OWNERS} owners) and ${rows[0]!.count} history rows in ${Date.now() - started} ms`);
  return owners;
}

async function login(base: string, username: string): Promise<Record<string, string>> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return { authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` };
}

async function benchSize(serverUrl: string, size: number, summary: string[], all: LoadResult[]): Promise<void> {
  const keepAs = KEEP ? `crm_bench_opportunities_${size}` : undefined;
  await withBenchDatabase(
    serverUrl,
    async (url, reused) => {
      const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1' });
      const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
      try {
        const { rows } = await pool.query<{ id: string }>(`SELECT id FROM identity.users WHERE username = 'rep.li'`);
        const repId = rows[0]!.id;
        const { rows: held } = await pool.query<{ count: string }>('SELECT count(*) FROM opportunity.opportunities');
        if (reused && Number(held[0]!.count) >= size) console.log(`Reusing ${url.split('/').pop()}: ${held[0]!.count} opportunities`);
        else await seed(pool, size, repId);
        const results: LoadResult[] = [];
        type Statement = { text: string; values: unknown[] };
        const compare = async (
          label: string,
          path: string,
          headers: Record<string, string>,
          statement: Statement | (() => Promise<unknown>),
          rows?: Statement,
        ) => {
          if (ONLY && !ONLY.includes(label)) return;
          let failed = false;
          const callApi = async () => {
            if (NODE_HTTP) {
              const answer = await httpGet(`${api.base}${path}`, headers);
              if (answer.status === 200) return;
              if (!failed) console.error(`${label}: ${answer.status} ${answer.body.toString().slice(0, 300)}`);
              failed = true;
              throw new Error(String(answer.status));
            }
            const response = await fetch(`${api.base}${path}`, { headers });
            if (response.status !== 200) {
              // Said once per measurement, so an error count in the table has a reason beside it.
              if (!failed) console.error(`${label}: ${response.status} ${(await response.text()).slice(0, 300)}`);
              failed = true;
              throw new Error(String(response.status));
            }
            await response.arrayBuffer();
          };
          const callSql = async () => {
            if (typeof statement === 'function') await statement();
            else await pool.query(statement.text, statement.values);
          };
          // Both sides warmed alike before they are timed (connections open, plans and pages cached), so the first
          // side measured does not pay for what the second then finds ready.
          const warm = { concurrency: CONCURRENCY, total: CONCURRENCY };
          await runLoad('warm-up', warm, callApi);
          await runLoad('warm-up', warm, callSql);
          const cpuBefore = api.cpuSeconds();
          const clientBefore = process.cpuUsage();
          const viaApi = await runLoad(`${label} API @${size}`, { concurrency: CONCURRENCY, total: REQUESTS }, callApi);
          // The API process's own CPU (user + system, from /proc) per request: hardly moved by other work on the machine.
          const cpuPerRequest = ((api.cpuSeconds() - cpuBefore) * 1000) / REQUESTS;
          // This process's CPU per request on each side: the HTTP client (fetch) against the pg client, on the same cores.
          const clientApi = process.cpuUsage(clientBefore);
          const sqlBefore = process.cpuUsage();
          const direct = await runLoad(`${label} SQL @${size}`, { concurrency: CONCURRENCY, total: REQUESTS }, callSql);
          const clientSql = process.cpuUsage(sqlBefore);
          results.push(viaApi, direct);
          const perRequest = (usage: NodeJS.CpuUsage) => ((usage.user + usage.system) / 1000 / REQUESTS).toFixed(2);
          summary.push(
            `${ratio(viaApi, direct)}; API p50 ${viaApi.p50Ms} ms, p99 ${viaApi.p99Ms} ms; API CPU per request ${cpuPerRequest.toFixed(2)} ms; ` +
              `client CPU per request ${perRequest(clientApi)} ms (${NODE_HTTP ? 'node:http' : 'fetch'}) / ${perRequest(clientSql)} ms (pg)`,
          );
          // The computation from the rows the read model replaced (slow for everyone at 1M): BENCH_ROWS_BASELINE=1;
          // always for the narrowed funnel, which the API computed from the rows until the read model had periods.
          if (rows && (process.env.BENCH_ROWS_BASELINE === '1' || label.endsWith('Q2'))) {
            const requests = Math.max(CONCURRENCY, Math.ceil(REQUESTS / 4));
            results.push(
              await runLoad(`${label} rows SQL @${size}`, { concurrency: CONCURRENCY, total: requests }, async () => {
                await pool.query(rows.text, rows.values);
              }),
            );
          }
        };
        const rep = await login(api.base, 'rep.li');
        const admin = await login(api.base, 'admin');
        // What the handler sends for a funnel: one statement (the default pipeline, figures, stays and medians), as the API.
        const funnelFromReadModel = (owners: string[] | null) => funnelReadModelStatement({ pipelineId: null, owners });
        const funnelRows = (owners: string[] | null, filters: FunnelFilters = {}) =>
          funnelStatement({ pipelineId: PIPELINE, owners, filters, timeZone: TIME_ZONE });
        // Narrowed to the opportunities created in a quarter: one statement over the read model's period columns.
        const quarter = { createdFrom: '2026-04-01', createdTo: '2026-06-30' };
        const narrowed = (owners: string[] | null) => funnelReadModelStatement({ pipelineId: null, owners, filters: quarter });
        const quarterPath = `/api/v1/opportunities/funnel?createdFrom=${quarter.createdFrom}&createdTo=${quarter.createdTo}`;
        const year = (owners: string[] | null) => ({ owners, kind: 'month' as const, start: '2026-01-01', end: '2027-01-01', timeZone: TIME_ZONE });
        // What the handler sends for rows per owner: figures, adjustments and the whole answer's JSON in one statement.
        const months = Array.from({ length: 12 }, (_, index) => `2026-${String(index + 1).padStart(2, '0')}`);
        const forecastRows = (owners: string[] | null) => forecastAnswerStatement({ ...year(owners), periods: months, groupBy: 'owner', groups: null });
        await compare('funnel rep', '/api/v1/opportunities/funnel', rep, funnelFromReadModel([repId]), funnelRows([repId]));
        await compare('funnel admin', '/api/v1/opportunities/funnel', admin, funnelFromReadModel(null), funnelRows(null));
        await compare('funnel rep Q2', quarterPath, rep, narrowed([repId]), funnelRows([repId], quarter));
        await compare('funnel admin Q2', quarterPath, admin, narrowed(null), funnelRows(null, quarter));
        // Partial months at both edges (15 April to 20 August): three whole months from month rows, 37 days from day rows.
        const partial = { createdFrom: '2026-04-15', createdTo: '2026-08-20' };
        const partialPath = `/api/v1/opportunities/funnel?createdFrom=${partial.createdFrom}&createdTo=${partial.createdTo}`;
        const partialStatement = funnelReadModelStatement({ pipelineId: null, owners: null, filters: partial });
        await compare('funnel admin partial months', partialPath, admin, partialStatement, funnelRows(null, partial));
        const closeYear = { closeFrom: '2026-01-01', closeTo: '2026-12-31' };
        const closePath = `/api/v1/opportunities/funnel?closeFrom=${closeYear.closeFrom}&closeTo=${closeYear.closeTo}`;
        await compare('funnel admin close 2026', closePath, admin, funnelReadModelStatement({ pipelineId: null, owners: null, filters: closeYear }));
        const forecastPath = '/api/v1/opportunities/forecast?period=month&from=2026-01&to=2026-12';
        await compare('forecast rep 12m', forecastPath, rep, forecastRows([repId]), forecastStatement(year([repId])));
        await compare('forecast admin 12m', forecastPath, admin, forecastRows(null), forecastStatement(year(null)));
        // Everyone's forecast as one total per month and category (groupBy=total): 48 rows instead of one per owner.
        const total = forecastAnswerStatement({ ...year(null), periods: months, groupBy: 'total', groups: 'total' });
        await compare('forecast admin 12m total', `${forecastPath}&groupBy=total`, admin, total);
        printTable(results);
        all.push(...results);
      } finally {
        await pool.end();
        await api.stop();
      }
    },
    { keepAs },
  );
}

export async function benchOpportunities(serverUrl: string): Promise<void> {
  const summary: string[] = [];
  const all: LoadResult[] = [];
  for (const size of SIZES) await benchSize(serverUrl, size, summary, all);
  for (const line of summary) console.log(line);
  // Flatness: each measurement's p50 at the largest size against the smallest (goal for the funnel: within 1.5×).
  const [smallest, largest] = [Math.min(...SIZES), Math.max(...SIZES)];
  if (smallest === largest) return;
  for (const small of all.filter((result) => result.label.endsWith(`@${smallest}`))) {
    const name = small.label.slice(0, -`@${smallest}`.length);
    const large = all.find((result) => result.label === `${name}@${largest}`);
    if (large) console.log(`${name}p50 ${small.p50Ms} ms @${smallest} → ${large.p50Ms} ms @${largest}: ${(large.p50Ms / small.p50Ms).toFixed(2)}×`);
  }
}
