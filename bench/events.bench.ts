import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { startApiProcess, withBenchDatabase } from './harness.js';

/**
 * The event log's per-event costs at a small log against a large one, in one run: dispatch (the
 * API process's dispatcher delivering fresh events to the reactions, the 360 timeline projection
 * among them), the feed (`GET /api/v1/events` pages after a cursor near the head) and the 360
 * timeline (`GET /api/v1/customers/:id/timeline` pages).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:events
 * BENCH_EVENTS_SMALL (50000) events first, then the log grows to BENCH_EVENTS_LARGE (5000000),
 * the older ones spread over BENCH_EVENTS_MONTHS (24) monthly partitions, seeded set-based in
 * chunks of BENCH_EVENTS_CHUNK (250000) rows, each its own transaction. Creates and drops its own
 * database.
 */
const SMALL = Number(process.env.BENCH_EVENTS_SMALL ?? 50_000);
const LARGE = Number(process.env.BENCH_EVENTS_LARGE ?? 5_000_000);
const MONTHS = Number(process.env.BENCH_EVENTS_MONTHS ?? 24);
const CHUNK = Number(process.env.BENCH_EVENTS_CHUNK ?? 250_000);
/** Seeding stops after this many seconds and the large log is measured at the size it reached (0: no limit). */
const SEED_SECONDS = Number(process.env.BENCH_EVENTS_SEED_SECONDS ?? 0);
/** Events read through the feed, and dispatched, per measurement. */
const FEED_EVENTS = Number(process.env.BENCH_EVENTS_FEED ?? 20_000);
const DISPATCH_EVENTS = Number(process.env.BENCH_EVENTS_DISPATCH ?? 5_000);
const TIMELINE_READS = Number(process.env.BENCH_EVENTS_TIMELINE_READS ?? 400);
const CUSTOMERS = 20;
const FEED_PAGE = 100;
const TIMELINE_PAGE = 50;
const TYPE = 'bench-event';

interface Costs {
  label: string;
  events: number;
  partitions: number;
  /** Microseconds per event. */
  dispatch: number;
  feed: number;
  timeline: number;
}

/** `count` dispatched events recorded evenly between `from` and `to`, each about a customer; their timeline entries too. */
async function seed(pool: pg.Pool, count: number, from: Date, to: Date, customers: string[], until = Infinity): Promise<number> {
  let done = 0;
  for (; done < count && Date.now() < until; done += CHUNK) {
    const size = Math.min(CHUNK, count - done);
    const span = to.getTime() - from.getTime();
    await pool.query(
      `WITH made AS (
         SELECT i, to_timestamp(($1::bigint + ($2::bigint * ($3::bigint + i)) / $4::bigint) / 1000.0) AS at
           FROM generate_series(0, $5::bigint - 1) AS i),
       inserted AS (
         INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload, dispatched_at, published_at)
         SELECT (lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' || substr(md5(i::text || random()::text), 1, 3)
                 || '8' || substr(md5(random()::text), 1, 15))::uuid,
                $6, 1, at, 'bench', gen_random_uuid(),
                CASE WHEN i % 10 = 0 THEN ($7::uuid[])[1 + (i / 10) % $8]
                     ELSE ('00000000-0000-4000-8000-' || lpad(to_hex(i % 100000), 12, '0'))::uuid END,
                'system', jsonb_build_object('n', i, 'note', 'an event of the benchmark, about as long as a real payload is', 'amount', '1234.50'),
                at, at
           FROM made
         RETURNING id, customer_id, type, occurred_at, actor_id, payload)
       INSERT INTO customer.timeline_entries (event_id, customer_id, type, occurred_at, actor_id, payload)
       SELECT id, customer_id, type, occurred_at, actor_id, payload FROM inserted`,
      [from.getTime(), span, done, count, size, TYPE, customers, customers.length],
    );
  }
  return Math.min(done, count);
}

function cursorOf(txId: string, seq: string): string {
  return Buffer.from(`${txId}.${seq}`, 'utf8').toString('base64url');
}

async function get(base: string, path: string, token: string): Promise<{ items: unknown[]; nextCursor: string | null }> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as { items: unknown[]; nextCursor: string | null };
}

async function measure(label: string, base: string, pool: pg.Pool, tokens: { admin: string; rep: string }, customers: string[]): Promise<Costs> {
  const [{ events, partitions }] = (
    await pool.query<{ events: number; partitions: number }>(
      `SELECT (SELECT count(*)::int FROM platform.events) AS events,
              (SELECT count(*)::int FROM pg_inherits WHERE inhparent = 'platform.events'::regclass) AS partitions`,
    )
  ).rows as [{ events: number; partitions: number }];

  // Feed: the newest events every transaction on the server has moved past (the feed serves no others), read
  // after the cursor a consumer FEED_EVENTS behind holds; the better of two reads.
  let behind: { tx_id: string; seq: string } | undefined;
  // BENCH_EVENTS_FEED=0 skips the feed (a server whose long transactions hold it back).
  for (let waited = 0; FEED_EVENTS > 0 && !behind; waited++) {
    if (waited === 25) console.log('  (the feed is held back by a transaction running elsewhere on the server; waiting)');
    if (waited > 0) await new Promise((done) => setTimeout(done, 200));
    [behind] = (
      await pool.query<{ tx_id: string; seq: string }>(
        `SELECT tx_id::text AS tx_id, seq FROM platform.events WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot())
          ORDER BY tx_id DESC, seq DESC OFFSET $1 LIMIT 1`,
        [FEED_EVENTS],
      )
    ).rows;
  }
  let feedMs = Infinity;
  for (let round = 0; behind && round < 2; round++) {
    const cursor = cursorOf(behind.tx_id, behind.seq);
    let after = cursor;
    let read = 0;
    const started = performance.now();
    while (read < FEED_EVENTS) {
      const page = await get(base, `/api/v1/events?limit=${FEED_PAGE}&after=${after}`, tokens.admin);
      if (page.items.length === 0) break;
      read += page.items.length;
      after = page.nextCursor!;
    }
    if (read < FEED_EVENTS) throw new Error(`feed returned ${read} of ${FEED_EVENTS}`);
    feedMs = Math.min(feedMs, performance.now() - started);
  }

  // Dispatch: fresh events about the benchmark's customers, delivered by the API's dispatcher (woken by the commit).
  const dispatchStarted = performance.now();
  await pool.query(
    `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload)
     SELECT (lpad(to_hex(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint), 12, '0') || '7' || substr(md5(random()::text), 1, 3)
             || '8' || substr(md5(random()::text), 1, 15))::uuid,
            $1, 1, clock_timestamp(), 'bench', gen_random_uuid(), ($2::uuid[])[1 + i % $3], 'system', jsonb_build_object('n', i)
       FROM generate_series(0, $4::int - 1) AS i`,
    [TYPE, customers, customers.length, DISPATCH_EVENTS],
  );
  for (;;) {
    const { rows } = await pool.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM platform.events WHERE dispatched_at IS NULL`);
    if (rows[0]!.pending === 0) break;
    await new Promise((done) => setTimeout(done, 10));
  }
  const dispatchMs = performance.now() - dispatchStarted;

  // Timeline: first and second pages of the customers' 360 timelines, round robin.
  const second = new Map<string, string>();
  for (const id of customers) {
    const page = await get(base, `/api/v1/customers/${id}/timeline?limit=${TIMELINE_PAGE}`, tokens.rep);
    second.set(id, page.nextCursor!);
  }
  let entries = 0;
  const timelineStarted = performance.now();
  for (let i = 0; i < TIMELINE_READS; i++) {
    const id = customers[i % customers.length]!;
    const path =
      i % 2 === 0
        ? `/api/v1/customers/${id}/timeline?limit=${TIMELINE_PAGE}`
        : `/api/v1/customers/${id}/timeline?limit=${TIMELINE_PAGE}&cursor=${second.get(id)}`;
    entries += (await get(base, path, tokens.rep)).items.length;
  }
  const timelineMs = performance.now() - timelineStarted;
  return {
    label,
    events,
    partitions,
    dispatch: (dispatchMs * 1000) / DISPATCH_EVENTS,
    feed: (feedMs * 1000) / FEED_EVENTS,
    timeline: (timelineMs * 1000) / entries,
  };
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

export async function benchEvents(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1' });
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    try {
      const tokens = { admin: await login(api.base, 'admin'), rep: await login(api.base, 'rep.li') };
      const customers: string[] = [];
      for (let i = 0; i < CUSTOMERS; i++) {
        const response = await fetch(`${api.base}/api/v1/customers`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tokens.rep}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'enterprise', name: `事件日志基准客户${i}有限公司` }),
        });
        if (response.status !== 201) throw new Error(`customer: ${response.status}`);
        customers.push(((await response.json()) as { id: string }).id);
      }
      const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
      let started = Date.now();
      await seed(pool, SMALL, new Date(Math.max(monthStart.getTime(), Date.now() - 7 * 86_400_000)), new Date(Date.now() - 3_600_000), customers);
      await pool.query('ANALYZE platform.events; ANALYZE customer.timeline_entries');
      console.log(`Seeded ${SMALL} events in ${Date.now() - started} ms`);
      const small = await measure('small log', api.base, pool, tokens, customers);

      started = Date.now();
      const historyFrom = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - MONTHS, 1));
      await pool.query(`SELECT platform.create_event_partitions($1, 3)`, [historyFrom]);
      const history = Math.max(0, LARGE - small.events);
      const perMonth = Math.ceil(history / MONTHS);
      const until = SEED_SECONDS > 0 ? started + SEED_SECONDS * 1000 : Infinity;
      let seeded = 0;
      for (let month = 0; month < MONTHS && Date.now() < until; month++) {
        const from = new Date(Date.UTC(historyFrom.getUTCFullYear(), historyFrom.getUTCMonth() + month, 1));
        const to = new Date(Date.UTC(historyFrom.getUTCFullYear(), historyFrom.getUTCMonth() + month + 1, 1) - 1);
        seeded += await seed(pool, Math.min(perMonth, history - month * perMonth), from, to, customers, until);
        console.log(`  seeded ${seeded} of ${history} older events (${Math.round((Date.now() - started) / 1000)} s)`);
      }
      if (seeded < history) console.log(`Seeding stopped after BENCH_EVENTS_SEED_SECONDS=${SEED_SECONDS}: the large log is measured at the size it reached`);
      await pool.query('ANALYZE platform.events; ANALYZE customer.timeline_entries');
      console.log(`Seeded ${seeded} older events over ${MONTHS} months in ${Math.round((Date.now() - started) / 1000)} s`);
      const large = await measure('large log', api.base, pool, tokens, customers);

      const us = (value: number) => Math.round(value * 10) / 10;
      console.table(
        [small, large].map((row) => ({
          log: row.label,
          events: row.events,
          partitions: row.partitions,
          'dispatch µs/event': us(row.dispatch),
          'feed µs/event': us(row.feed),
          'timeline µs/entry': us(row.timeline),
        })),
      );
      const ratio = (key: 'dispatch' | 'feed' | 'timeline') => (large[key] / small[key]).toFixed(2);
      console.log(
        `large / small per event: dispatch ${ratio('dispatch')}x, feed ${ratio('feed')}x, timeline ${ratio('timeline')}x ` +
          `(${large.events} vs ${small.events} events; load average ${loadavg()
            .map((value) => value.toFixed(2))
            .join(' ')})`,
      );
    } finally {
      await pool.end();
      await api.stop();
    }
  });
}
