import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { encodeCursor } from '../libs/platform/src/pagination/cursor.js';
import { startApiProcess, withBenchDatabase } from './harness.js';

/**
 * List latency in depth: page 1 against page 10,000 of the customer list of one sales rep who can
 * see BENCH_DEPTH_CUSTOMERS customers (default 1,000,000, all held by them), limit 50, through the
 * API and the same statement sent directly with `pg`. The list pages by keyset (the cursor carries
 * the last id), so a deep page should cost what the first does.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:list-depth
 * Creates and drops its own database.
 */
const CUSTOMERS = Number(process.env.BENCH_DEPTH_CUSTOMERS ?? 1_000_000);
const PAGE = Number(process.env.BENCH_DEPTH_PAGE ?? 10_000);
const LIMIT = 50;
const READS = Number(process.env.BENCH_DEPTH_READS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_DEPTH_CONCURRENCY ?? 4);

/** The list's statement for a caller who sees their own customers, the pool and what they co-hold (as the handler builds it). */
const LIST_SQL = `
  SELECT * FROM (
    (SELECT * FROM customer.customers c WHERE c.owner_id = ($1::uuid[])[1] AND ($2::uuid IS NULL OR c.id < $2::uuid) ORDER BY c.id DESC LIMIT $3)
    UNION ALL
    (SELECT * FROM customer.customers c WHERE c.owner_id IS NULL AND ($2::uuid IS NULL OR c.id < $2::uuid) ORDER BY c.id DESC LIMIT $3)
    UNION ALL
    (SELECT * FROM customer.customers c
      WHERE c.co_holder_ids && $1::uuid[] AND cardinality(c.co_holder_ids) > 0 AND c.owner_id IS NOT NULL AND NOT (c.owner_id = ($1::uuid[])[1])
        AND ($2::uuid IS NULL OR c.id < $2::uuid) ORDER BY c.id DESC LIMIT $3)
  ) AS visible ORDER BY id DESC LIMIT $3`;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] ?? 0;
}

/** Reads page 1 and the deep page alternately (so both see the same load), and reports each one's p50 and p99. */
async function alternate(label: string, read: (deep: boolean) => Promise<void>): Promise<{ label: string; first: number[]; deep: number[] }> {
  const first: number[] = [];
  const deep: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const index = next++;
        if (index >= READS * 2) return;
        const isDeep = index % 2 === 1;
        const begin = performance.now();
        await read(isDeep);
        (isDeep ? deep : first).push(performance.now() - begin);
      }
    }),
  );
  first.sort((a, b) => a - b);
  deep.sort((a, b) => a - b);
  return { label, first, deep };
}

export async function benchListDepth(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0' });
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
    try {
      const { rows: reps } = await pool.query<{ id: string }>(`SELECT id FROM identity.users WHERE username = 'rep.li'`);
      const rep = reps[0]!;
      const seeded = Date.now();
      for (let done = 0; done < CUSTOMERS; done += 100_000) {
        await pool.query(
          `INSERT INTO customer.customers (id, kind, name, normalized_name, country, type, size, owner_id, status, grade, created_by, created_at, updated_at, city)
           SELECT gen_random_uuid(), 'enterprise', '纵深客户' || i || '有限公司', '纵深客户' || i, 'CN', 'private', 'medium',
                  $1, 'protected', 'B', $1, now(), now(), '杭州'
             FROM generate_series($2::int, $3::int) AS i`,
          [rep.id, done + 1, Math.min(CUSTOMERS, done + 100_000)],
        );
      }
      await pool.query('VACUUM ANALYZE customer.customers');
      const visible = Number(
        (await pool.query<{ n: string }>(`SELECT count(*) AS n FROM customer.customers WHERE owner_id = $1 OR owner_id IS NULL`, [rep.id])).rows[0]!.n,
      );
      console.log(`Seeded ${CUSTOMERS} customers held by one rep (${visible} visible to them with the pool) in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

      const login = await fetch(`${api.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'rep.li', password: 'demo1234' }),
      });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const headers = { authorization: `Bearer ${token}` };
      const apiPage = async (cursor: string | null) => {
        const response = await fetch(`${api.base}/api/v1/customers?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`, { headers });
        if (response.status !== 200) throw new Error(`${response.status} ${await response.text()}`);
        return (await response.json()) as { items: { id: string }[]; nextCursor: string | null };
      };

      // Following cursors for the first pages checks that the chain has no gap or overlap.
      let cursor: string | null = null;
      const seen: string[] = [];
      for (let page = 0; page < 20; page++) {
        const body = await apiPage(cursor);
        seen.push(...body.items.map((item) => item.id));
        cursor = body.nextCursor;
      }
      const expected = (await pool.query<{ id: string }>(LIST_SQL, [[rep.id], null, 20 * LIMIT])).rows.map((row) => row.id);
      if (seen.join() !== expected.join()) throw new Error('Following cursors did not give the list in order without gaps');

      // Page PAGE is reached by the cursor the API gives after page PAGE - 1: the id of the row just before it.
      const before = (
        await pool.query<{ id: string }>(`SELECT id FROM (${LIST_SQL}) AS l ORDER BY id DESC OFFSET $4 LIMIT 1`, [
          [rep.id],
          null,
          (PAGE - 1) * LIMIT,
          (PAGE - 1) * LIMIT - 1,
        ])
      ).rows[0]!.id;
      const deepCursor = encodeCursor([before]);
      const deepPage = await apiPage(deepCursor);
      const deepExpected = (await pool.query<{ id: string }>(LIST_SQL, [[rep.id], before, LIMIT])).rows.map((row) => row.id);
      if (deepPage.items.length !== LIMIT || deepPage.items.map((item) => item.id).join() !== deepExpected.join()) {
        throw new Error(`Page ${PAGE} through the API is not the list's rows ${(PAGE - 1) * LIMIT + 1} to ${PAGE * LIMIT}`);
      }

      const results = [
        await alternate('API', async (deep) => void (await apiPage(deep ? deepCursor : null))),
        await alternate('pg (same statement)', async (deep) => void (await pool.query(LIST_SQL, [[rep.id], deep ? before : null, LIMIT + 1]))),
      ];
      console.table(
        results.map(({ label, first, deep }) => ({
          label,
          'page 1 p50 ms': Math.round(percentile(first, 0.5) * 100) / 100,
          [`page ${PAGE} p50 ms`]: Math.round(percentile(deep, 0.5) * 100) / 100,
          'page 1 p99 ms': Math.round(percentile(first, 0.99) * 100) / 100,
          [`page ${PAGE} p99 ms`]: Math.round(percentile(deep, 0.99) * 100) / 100,
        })),
      );
      for (const { label, first, deep } of results) {
        console.log(
          `${label}: page ${PAGE} / page 1: p50 ${(percentile(deep, 0.5) / percentile(first, 0.5)).toFixed(2)}x, p99 ${(percentile(deep, 0.99) / percentile(first, 0.99)).toFixed(2)}x`,
        );
      }
      for (const [name, after] of [
        ['page 1', null],
        [`page ${PAGE}`, before],
      ] as const) {
        const plan = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, TIMING OFF, SUMMARY OFF) ${LIST_SQL}`, [
          [rep.id],
          after,
          LIMIT + 1,
        ]);
        const buffers = plan.rows.find((row) => row['QUERY PLAN'].includes('Buffers'))?.['QUERY PLAN'].trim();
        console.log(`${name}: ${buffers}`);
      }
    } finally {
      await pool.end();
      await api.stop();
    }
  });
}
