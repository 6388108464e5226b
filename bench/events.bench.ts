import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { feedPageStatement } from '../libs/platform/src/events/events-feed.controller.js';
import { READ_LOG_IN_INDEX_ORDER } from '../libs/platform/src/events/event-envelope.js';
import { decodeCursor, encodeCursor } from '../libs/platform/src/pagination/cursor.js';
import { timelinePageStatement } from '../libs/customer/src/application/queries/get-customer-timeline/get-customer-timeline.handler.js';
import { startApiProcess, withBenchDatabase } from './harness.js';

/**
 * The event log's per-event costs at a small log against a large one, in one run: dispatch (the
 * API process's dispatcher delivering fresh events to the reactions, the 360 timeline projection
 * among them), the feed (`GET /api/v1/events` pages after a cursor near the head) and the 360
 * timeline (`GET /api/v1/customers/:id/timeline`: first and second pages, and the page half way
 * down); the feed's and the timeline's reads each also as the same statements sent directly.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:events
 * Two databases of its own, each with its API process, both dropped at the end: one keeps
 * BENCH_EVENTS_SMALL (50000) events, the other grows to BENCH_EVENTS_LARGE (5000000), the older
 * ones spread over BENCH_EVENTS_MONTHS (24) monthly partitions, seeded set-based in chunks of
 * BENCH_EVENTS_CHUNK (250000) rows, each its own transaction. Then BENCH_EVENTS_ROUNDS (3) rounds
 * measure both in turns; BENCH_EVENTS_EXPLAIN=1 prints the feed page's plan at each measurement.
 */
const SMALL = Number(process.env.BENCH_EVENTS_SMALL ?? 50_000);
const LARGE = Number(process.env.BENCH_EVENTS_LARGE ?? 5_000_000);
const MONTHS = Number(process.env.BENCH_EVENTS_MONTHS ?? 24);
const CHUNK = Number(process.env.BENCH_EVENTS_CHUNK ?? 250_000);
/** Seeding stops after this many seconds and the large log is measured at the size it reached (0: no limit). */
const SEED_SECONDS = Number(process.env.BENCH_EVENTS_SEED_SECONDS ?? 0);
/** Seeding also stops once the database takes this many GB on disk (0: no limit). */
const SEED_GB = Number(process.env.BENCH_EVENTS_SEED_GB ?? 0);
/** Events read through the feed, and dispatched, per measurement. */
const FEED_EVENTS = Number(process.env.BENCH_EVENTS_FEED ?? 20_000);
const DISPATCH_EVENTS = Number(process.env.BENCH_EVENTS_DISPATCH ?? 5_000);
const TIMELINE_READS = Number(process.env.BENCH_EVENTS_TIMELINE_READS ?? 400);
const CUSTOMERS = 20;
const FEED_PAGE = 100;
const TIMELINE_PAGE = 50;
const TYPE = 'bench-event';

/** Microseconds per event (or entry) through the API, and for the same statements sent directly with `pg`. */
interface Side {
  api: number;
  direct: number;
}

interface Costs {
  label: string;
  events: number;
  timelineEntries: number;
  partitions: number;
  /** Microseconds per event. */
  dispatch: number;
  feed: Side;
  /** First and second pages of a customer's timeline. */
  timelineHead: Side;
  /** The page after a cursor half way down a customer's timeline. */
  timelineDeep: Side;
  /** The deep page's statement as a prepared statement with a generic plan: now, and in the `cursor IS NULL OR (…)` shape it had before. */
  deepPlans: { shape: string; ms: number; buffers: number }[];
}

/** `count` dispatched events recorded evenly between `from` and `to`, each about a customer; their timeline entries too. */
async function seed(pool: pg.Pool, count: number, from: Date, to: Date, customers: string[], more: () => Promise<boolean> = async () => true): Promise<number> {
  let done = 0;
  for (; done < count && (await more()); done += CHUNK) {
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

async function get(base: string, path: string, token: string): Promise<{ items: { id?: string; eventId?: string }[]; nextCursor: string | null }> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
  return (await response.json()) as { items: { id?: string; eventId?: string }[]; nextCursor: string | null };
}

/** Times `work`, adding the milliseconds to `into[key]`. */
async function timed<T>(into: { api: number; direct: number }, key: 'api' | 'direct', work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  into[key] += performance.now() - started;
  return result;
}

/** The feed's page read directly: the API's transaction, setting and statement. */
async function feedDirect(pool: pg.Pool, after: [string, string]): Promise<{ id: string; tx_id: string; seq: string }[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(READ_LOG_IN_INDEX_ORDER);
    const statement = feedPageStatement(after, FEED_PAGE);
    const { rows } = await client.query<{ id: string; tx_id: string; seq: string }>(statement.text, statement.values);
    await client.query('COMMIT');
    return rows;
  } finally {
    client.release();
  }
}

/** The old `cursor IS NULL OR (…)` shape of the timeline's page, kept here to show what a generic plan of it reads. */
const OLD_TIMELINE_PAGE = `SELECT event_id, type, occurred_at, actor_id, payload FROM customer.timeline_entries
  WHERE customer_id = $1 AND ($2::timestamptz IS NULL OR (occurred_at, event_id) < ($2::timestamptz, $3::uuid))
  ORDER BY occurred_at DESC, event_id DESC LIMIT $4`;

/** Execution time and shared buffers of a statement prepared with a generic plan (as a cached plan would run it). */
async function genericPlan(pool: pg.Pool, text: string, values: unknown[]): Promise<{ ms: number; buffers: number }> {
  const client = await pool.connect();
  try {
    await client.query(`SET plan_cache_mode = force_generic_plan`);
    await client.query(`PREPARE page AS ${text}`);
    const literals = values.map((value) => (typeof value === 'number' ? String(value) : `'${String(value)}'`));
    const { rows } = await client.query<{ 'QUERY PLAN': [{ 'Execution Time': number; Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } }] }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE page(${literals.join(', ')})`,
    );
    const [plan] = rows[0]!['QUERY PLAN'];
    return { ms: Math.round(plan['Execution Time'] * 100) / 100, buffers: plan.Plan['Shared Hit Blocks'] + plan.Plan['Shared Read Blocks'] };
  } finally {
    await client.query(`DEALLOCATE ALL; RESET plan_cache_mode`);
    client.release();
  }
}

async function measure(label: string, base: string, pool: pg.Pool, tokens: { admin: string; rep: string }, customers: string[]): Promise<Costs> {
  const [{ events, entries: timelineEntries, partitions }] = (
    await pool.query<{ events: number; entries: number; partitions: number }>(
      `SELECT (SELECT count(*)::int FROM platform.events) AS events,
              (SELECT count(*)::int FROM customer.timeline_entries) AS entries,
              (SELECT count(*)::int FROM pg_inherits WHERE inhparent = 'platform.events'::regclass) AS partitions`,
    )
  ).rows as [{ events: number; entries: number; partitions: number }];

  // Feed: the newest events every transaction on the server has moved past (the feed serves no others), read
  // after the cursor a consumer FEED_EVENTS behind holds, page by page through the API and directly (taking
  // turns at going first); the better of two rounds on each side.
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
  if (behind && process.env.BENCH_EVENTS_EXPLAIN) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(READ_LOG_IN_INDEX_ORDER);
      const statement = feedPageStatement([behind.tx_id, behind.seq], FEED_PAGE);
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
      await client.query('COMMIT');
      console.log(`${label}, the feed's page after the cursor:\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    } finally {
      client.release();
    }
  }
  const feedMs = { api: Infinity, direct: Infinity };
  for (let round = 0; behind && round < 2; round++) {
    const spent = { api: 0, direct: 0 };
    let after: [string, string] = [behind.tx_id, behind.seq];
    let read = 0;
    for (let page = 0; read < FEED_EVENTS; page++) {
      const viaApi = () => timed(spent, 'api', () => get(base, `/api/v1/events?limit=${FEED_PAGE}&after=${cursorOf(...after)}`, tokens.admin));
      const direct = () => timed(spent, 'direct', () => feedDirect(pool, after));
      const [fromApi, fromDb] = page % 2 === 0 ? [await viaApi(), await direct()] : await direct().then(async (rows) => [await viaApi(), rows] as const);
      if (fromApi.items.length !== fromDb.length || fromApi.items[0]?.id !== fromDb[0]?.id)
        throw new Error('the feed and its statement answered different pages');
      if (fromDb.length === 0) break;
      read += fromDb.length;
      const last = fromDb[fromDb.length - 1]!;
      after = [last.tx_id, last.seq];
    }
    if (read < FEED_EVENTS) throw new Error(`feed returned ${read} of ${FEED_EVENTS}`);
    feedMs.api = Math.min(feedMs.api, spent.api);
    feedMs.direct = Math.min(feedMs.direct, spent.direct);
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

  // Timeline: first and second pages of the customers' 360 timelines, and the page after a cursor half way down
  // each one, round robin; each read through the API and as its statement sent directly, taking turns at going first.
  const second = new Map<string, [string, string]>();
  const deep = new Map<string, [string, string]>();
  for (const id of customers) {
    const page = await get(base, `/api/v1/customers/${id}/timeline?limit=${TIMELINE_PAGE}`, tokens.rep);
    second.set(id, decodeCursor(page.nextCursor!, ['timestamp', 'uuid']) as [string, string]);
    const [middle] = (
      await pool.query<{ occurred_at: Date; event_id: string }>(
        `SELECT occurred_at, event_id FROM customer.timeline_entries WHERE customer_id = $1
          ORDER BY occurred_at DESC, event_id DESC OFFSET (SELECT count(*) / 2 FROM customer.timeline_entries WHERE customer_id = $1) LIMIT 1`,
        [id],
      )
    ).rows;
    deep.set(id, [middle!.occurred_at.toISOString(), middle!.event_id]);
  }
  const readTimeline = async (after: (id: string, read: number) => [string, string] | undefined, index: number) => {
    const spent = { api: 0, direct: 0 };
    let entries = 0;
    for (let i = 0; i < TIMELINE_READS; i++) {
      const id = customers[i % customers.length]!;
      const cursor = after(id, i);
      const path = `/api/v1/customers/${id}/timeline?limit=${TIMELINE_PAGE}${cursor ? `&cursor=${encodeCursor(cursor)}` : ''}`;
      const statement = timelinePageStatement(id, TIMELINE_PAGE, cursor);
      const viaApi = () => timed(spent, 'api', () => get(base, path, tokens.rep));
      const direct = () => timed(spent, 'direct', () => pool.query<{ event_id: string }>(statement.text, statement.values));
      const [fromApi, fromDb] = (i + index) % 2 === 0 ? [await viaApi(), await direct()] : await direct().then(async (rows) => [await viaApi(), rows] as const);
      if (fromApi.items[0]?.eventId !== fromDb.rows[0]?.event_id) throw new Error('the timeline and its statement answered different pages');
      entries += fromApi.items.length;
    }
    return { api: (spent.api * 1000) / entries, direct: (spent.direct * 1000) / entries };
  };
  const timelineHead = await readTimeline((id, read) => (Math.floor(read / customers.length) % 2 === 0 ? undefined : second.get(id)), 0);
  const timelineDeep = await readTimeline((id) => deep.get(id), 1);

  const [customer, cursor] = [customers[0]!, deep.get(customers[0]!)!];
  const now = timelinePageStatement(customer, TIMELINE_PAGE, cursor);
  const deepPlans = [
    { shape: 'row comparison (now)', ...(await genericPlan(pool, now.text, now.values)) },
    { shape: 'cursor IS NULL OR (before)', ...(await genericPlan(pool, OLD_TIMELINE_PAGE, [customer, cursor[0], cursor[1], TIMELINE_PAGE + 1])) },
  ];
  return {
    label,
    events,
    timelineEntries,
    partitions,
    dispatch: (dispatchMs * 1000) / DISPATCH_EVENTS,
    feed: { api: (feedMs.api * 1000) / FEED_EVENTS, direct: (feedMs.direct * 1000) / FEED_EVENTS },
    timelineHead,
    timelineDeep,
    deepPlans,
  };
}

function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
}

/**
 * After seeding, at both sizes: the state a long-lived log is in (vacuumed, analysed, its writes on disk), so neither
 * measurement shares the machine with autovacuum or a checkpoint set off by the seeding.
 */
async function settle(pool: pg.Pool): Promise<void> {
  await pool.query('VACUUM (ANALYZE) platform.events');
  await pool.query('VACUUM (ANALYZE) customer.timeline_entries');
  await pool.query('CHECKPOINT');
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

interface Log {
  label: string;
  base: string;
  pool: pg.Pool;
  tokens: { admin: string; rep: string };
  customers: string[];
  stop(): Promise<void>;
}

/** An API process on the database, a pool, tokens, the benchmark's customers and their first SMALL events. */
async function openLog(label: string, url: string): Promise<Log> {
  const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1' });
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const stop = async () => {
    await pool.end();
    await api.stop();
  };
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
    const started = Date.now();
    const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    await seed(pool, SMALL, new Date(Math.max(monthStart.getTime(), Date.now() - 7 * 86_400_000)), new Date(Date.now() - 3_600_000), customers);
    await settle(pool);
    console.log(`${label}: seeded ${SMALL} events in ${Date.now() - started} ms`);
    return { label, base: api.base, pool, tokens, customers, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Grows the log with older events, spread over MONTHS monthly partitions, until LARGE or a seeding limit. */
async function grow(log: Log, from: number): Promise<void> {
  const { pool, customers } = log;
  const started = Date.now();
  const monthStart = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
  const historyFrom = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - MONTHS, 1));
  await pool.query(`SELECT platform.create_event_partitions($1, 3)`, [historyFrom]);
  const history = Math.max(0, LARGE - from);
  const perMonth = Math.ceil(history / MONTHS);
  const until = SEED_SECONDS > 0 ? started + SEED_SECONDS * 1000 : Infinity;
  let stoppedBy: string | undefined;
  const more = async () => {
    if (Date.now() >= until) stoppedBy = `BENCH_EVENTS_SEED_SECONDS=${SEED_SECONDS}`;
    else if (SEED_GB > 0) {
      const { rows } = await pool.query<{ gb: number }>(`SELECT pg_database_size(current_database()) / 1e9 AS gb`);
      if (rows[0]!.gb >= SEED_GB) stoppedBy = `BENCH_EVENTS_SEED_GB=${SEED_GB}`;
    }
    return stoppedBy === undefined;
  };
  let seeded = 0;
  for (let month = 0; month < MONTHS && stoppedBy === undefined; month++) {
    const monthFrom = new Date(Date.UTC(historyFrom.getUTCFullYear(), historyFrom.getUTCMonth() + month, 1));
    const monthTo = new Date(Date.UTC(historyFrom.getUTCFullYear(), historyFrom.getUTCMonth() + month + 1, 1) - 1);
    seeded += await seed(pool, Math.min(perMonth, history - month * perMonth), monthFrom, monthTo, customers, more);
    console.log(`  seeded ${seeded} of ${history} older events (${Math.round((Date.now() - started) / 1000)} s, load average ${load()})`);
  }
  if (stoppedBy) console.log(`Seeding stopped by ${stoppedBy}: the large log is measured at the size it reached`);
  console.log(`Seeded ${seeded} older events over ${MONTHS} months in ${Math.round((Date.now() - started) / 1000)} s`);
  const settling = Date.now();
  await settle(pool);
  console.log(`Vacuumed, analysed and checkpointed in ${Math.round((Date.now() - settling) / 1000)} s`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The median of each figure over the rounds. */
function medianOf(rows: Costs[]): Costs {
  const side = (pick: (row: Costs) => Side): Side => ({ api: median(rows.map((row) => pick(row).api)), direct: median(rows.map((row) => pick(row).direct)) });
  const last = rows[rows.length - 1]!;
  return {
    ...last,
    dispatch: median(rows.map((row) => row.dispatch)),
    feed: side((row) => row.feed),
    timelineHead: side((row) => row.timelineHead),
    timelineDeep: side((row) => row.timelineDeep),
  };
}

/**
 * Two databases in one run: a small log (SMALL events) and one grown to LARGE. Once the large one is
 * seeded, the two are measured in turns for BENCH_EVENTS_ROUNDS rounds, so both see the same machine
 * (other work on a shared box changes the cost of everything by more than the log's size does); each
 * figure is the median over the rounds.
 */
export async function benchEvents(serverUrl: string): Promise<void> {
  const rounds = Number(process.env.BENCH_EVENTS_ROUNDS ?? 3);
  await withBenchDatabase(serverUrl, (smallUrl) =>
    withBenchDatabase(serverUrl, async (largeUrl) => {
      const loads = [`start ${load()}`];
      const small = await openLog('small log', smallUrl);
      let large: Log | undefined;
      try {
        large = await openLog('large log', largeUrl);
        await grow(large, SMALL);
        loads.push(`measuring from ${load()}`);
        const measured: { small: Costs[]; large: Costs[] } = { small: [], large: [] };
        for (let round = 0; round < rounds; round++) {
          // Taking turns at going first, so neither log always follows the other's reads.
          for (const log of round % 2 === 0 ? [small, large] : [large, small]) {
            const costs = await measure(log.label, log.base, log.pool, log.tokens, log.customers);
            (log === small ? measured.small : measured.large).push(costs);
          }
          loads.push(`round ${round + 1} done at ${load()}`);
        }
        report(measured.small, measured.large);
        console.log(`load average: ${loads.join('; ')}`);
      } finally {
        await large?.stop();
        await small.stop();
      }
    }),
  );
}

function report(smallRounds: Costs[], largeRounds: Costs[]): void {
  const us = (value: number) => Math.round(value * 10) / 10;
  const x = (api: number, direct: number) => `${(api / direct).toFixed(2)}x`;
  const row = (label: string, costs: Costs) => ({
    log: label,
    events: costs.events,
    'timeline entries': costs.timelineEntries,
    partitions: costs.partitions,
    'dispatch µs/event': us(costs.dispatch),
    'feed µs/event API': us(costs.feed.api),
    'feed direct': us(costs.feed.direct),
    'timeline p1-2 µs/entry API': us(costs.timelineHead.api),
    'p1-2 direct': us(costs.timelineHead.direct),
    'timeline deep µs/entry API': us(costs.timelineDeep.api),
    'deep direct': us(costs.timelineDeep.direct),
  });
  console.log('Each round:');
  console.table(smallRounds.flatMap((costs, round) => [row(`small, round ${round + 1}`, costs), row(`large, round ${round + 1}`, largeRounds[round]!)]));
  const small = medianOf(smallRounds);
  const large = medianOf(largeRounds);
  console.log(`Medians over ${smallRounds.length} rounds:`);
  console.table([row('small log', small), row('large log', large)]);
  for (const costs of [small, large]) {
    console.log(
      `${costs.label}, API / direct per event: feed ${x(costs.feed.api, costs.feed.direct)}, timeline pages 1-2 ${x(costs.timelineHead.api, costs.timelineHead.direct)}, ` +
        `timeline deep ${x(costs.timelineDeep.api, costs.timelineDeep.direct)}`,
    );
    console.log(
      `${costs.label}, the deep page prepared with a generic plan (last round): ` +
        costs.deepPlans.map((plan) => `${plan.shape} ${plan.ms} ms, ${plan.buffers} buffers`).join('; '),
    );
  }
  const grew = (pick: (costs: Costs) => number) => x(pick(large), pick(small));
  console.log(
    `large / small per event (${large.events} vs ${small.events} events): dispatch ${grew((costs) => costs.dispatch)}; ` +
      `feed API ${grew((costs) => costs.feed.api)}, direct ${grew((costs) => costs.feed.direct)}; ` +
      `timeline pages 1-2 API ${grew((costs) => costs.timelineHead.api)}, direct ${grew((costs) => costs.timelineHead.direct)}; ` +
      `timeline deep API ${grew((costs) => costs.timelineDeep.api)}, direct ${grew((costs) => costs.timelineDeep.direct)}`,
  );
}
