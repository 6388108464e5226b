import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { printTable, ratio, recordedTransactions, request, runLoad, startApiProcess, withBenchDatabase } from './harness.js';

/**
 * Customer list and create through the whole API (HTTP, auth, validation, data scope, outbox)
 * against the same work done directly with `pg`, on the same machine and database.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench -- customers
 * It creates and drops its own database.
 */
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 200_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);

export async function benchCustomers(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    // The API runs in its own process, as in production; this process only generates load. It writes down its create
    // transactions as it sends them, so the direct side sends the very same statements (statement-recorder).
    const dir = await mkdtemp(join(tmpdir(), 'crm-bench-customers-'));
    const recorded = join(dir, 'creates.jsonl');
    const api = await startApiProcess(
      { DATABASE_URL: url, CRM_DEMO: '1', RECORD_FILE: recorded, RECORD_MATCH: '^INSERT INTO customer\\.customers' },
      '--import ./dist/bench/statement-recorder.js',
    );
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    try {
      const { rows: reps } = await pool.query<{ id: string }>(`SELECT id FROM identity.users WHERE username = 'rep.li'`);
      const rep = reps[0]!;
      const owners = [rep.id, ...Array.from({ length: 49 }, () => crypto.randomUUID())];
      const started = Date.now();
      await pool.query(
        `INSERT INTO customer.customers (id, kind, name, normalized_name, country, type, size, owner_id, status, grade, created_by, created_at, updated_at, city)
         SELECT gen_random_uuid(), 'enterprise', '基准客户' || i || '有限公司', '基准客户' || i, 'CN', 'private', 'medium',
                ($1::uuid[])[1 + i % 50], 'protected', 'B', $2, now(), now(), (ARRAY['上海','杭州','南京','苏州'])[1 + i % 4]
           FROM generate_series(1, $3) AS i`,
        [owners, rep.id, CUSTOMERS],
      );
      await pool.query('ANALYZE customer.customers');
      console.log(`Seeded ${CUSTOMERS} customers, 1 in 50 held by the benchmarked rep, in ${Date.now() - started} ms`);

      const login = await fetch(`${api.base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'rep.li', password: 'demo1234' }),
      });
      const token = ((await login.json()) as { accessToken: string }).accessToken;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      const apiList = await runLoad('API list (own, limit 50)', { concurrency: CONCURRENCY, total: REQUESTS }, async () => {
        const response = await request(`${api.base}/api/v1/customers?limit=50&city=%E6%9D%AD%E5%B7%9E`, { headers });
        if (response.status !== 200) throw new Error(String(response.status));
      });
      const sqlList = await runLoad('SQL list (same query)', { concurrency: CONCURRENCY, total: REQUESTS }, async () => {
        await pool.query(
          `SELECT * FROM (
             (SELECT * FROM customer.customers c WHERE c.owner_id = $1 AND c.city = $2 ORDER BY c.id DESC LIMIT 51)
             UNION ALL
             (SELECT * FROM customer.customers c WHERE c.owner_id IS NULL AND c.city = $2 ORDER BY c.id DESC LIMIT 51)
           ) AS visible ORDER BY id DESC LIMIT 51`,
          [rep.id, '杭州'],
        );
      });
      const apiCreate = await runLoad('API create', { concurrency: CONCURRENCY, total: REQUESTS / 2 }, async (i) => {
        const response = await request(`${api.base}/api/v1/customers`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ kind: 'enterprise', name: `压测新建${i}有限公司`, city: '上海', size: 'small' }),
        });
        if (response.status !== 201) throw new Error(String(response.status));
      });
      // The API's own create transactions (grade, duplicates, the customer, its pool entry and protection, the events and
      // the in-transaction reactions' writes), sent again directly with fresh ids and names. The two reads that make the
      // API's answer after its transaction are not sent: the direct side does a little less than the API.
      const creates = recordedTransactions(recorded, (value) => value.replaceAll('压测新建', '直连新建'));
      // The demo data's own creates at start-up come first: the bench's are the last ones.
      const first = creates.count - REQUESTS / 2;
      if (first < 0) throw new Error(`${creates.count} create transactions recorded, ${REQUESTS / 2} expected`);
      const sqlCreate = await runLoad("SQL create (the API's statements)", { concurrency: CONCURRENCY, total: REQUESTS / 2 }, (i) =>
        creates.replay(first + i, pool),
      );
      printTable([apiList, sqlList, apiCreate, sqlCreate]);
      console.log(ratio(apiList, sqlList));
      console.log(ratio(apiCreate, sqlCreate));
    } finally {
      await pool.end();
      await api.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
}
