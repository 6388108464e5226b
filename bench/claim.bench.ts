import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { printTable, ratio, request, runLoad, spawnBuilt, startApiProcess, statementProfile, withBenchDatabase } from './harness.js';

/**
 * The claim [申领] path through the whole API against the same transaction run directly with `pg`,
 * then recycling a million idle customers while claims go on.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:claim
 * Creates and drops its own database. BENCH_WORKER_NODE_ARGS adds Node.js options to the recycling worker
 * (as BENCH_API_NODE_ARGS does to the API processes), e.g. to profile it.
 */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 6400);
const RECYCLE = Number(process.env.BENCH_RECYCLE ?? 1_000_000);
/**
 * Connections each API process keeps (the product's default is 10, which caps the API at 10
 * transactions in flight against the direct run's 64): half the clients by default, so the API
 * and the direct run's pool fit in PostgreSQL's default 100 connections together.
 */
const API_POOL = process.env.BENCH_API_POOL ?? String(Math.max(10, Math.ceil(CONCURRENCY / 2)));
const DISPATCH_WAIT_SECONDS = Number(process.env.BENCH_DISPATCH_WAIT_SECONDS ?? 600);
const POOL_ID = '00000000-0000-7000-8000-0000000000a1';

async function seedPoolCustomers(pool: pg.Pool, count: number, tag: string, idleHolder: string | null): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH fresh AS (
       INSERT INTO customer.customers (id, kind, name, normalized_name, country, type, size, owner_id, status, grade, created_by, created_at, updated_at)
       SELECT gen_random_uuid(), 'enterprise', $1 || i, $1 || i, 'CN', 'private', 'medium', $3::uuid,
              CASE WHEN $3::uuid IS NULL THEN 'in-pool' ELSE 'protected' END, 'B', coalesce($3::uuid, gen_random_uuid()), now(), now()
         FROM generate_series(1, $2) AS i
       RETURNING id)
     INSERT INTO pool.entries (customer_id, pool_id, grade, last_activity_at, protected, wholly_protected)
     SELECT id, $4, 'B', CASE WHEN $3::uuid IS NULL THEN now() ELSE now() - interval '90 days' END, $3::uuid IS NOT NULL, $3::uuid IS NOT NULL FROM fresh
     RETURNING customer_id AS id`,
    [`bench-${tag}-`, count, idleHolder, POOL_ID],
  );
  if (idleHolder) {
    await pool.query(
      `INSERT INTO pool.protections (id, customer_id, pool_id, holder_id, scope_kind, source, since)
       SELECT gen_random_uuid(), customer_id, pool_id, $1, 'customer', 'claim', now() - interval '90 days'
         FROM pool.entries WHERE protected AND customer_id = ANY($2::uuid[])`,
      [idleHolder, rows.map((row) => row.id)],
    );
  }
  return rows.map((row) => row.id);
}

/** The claim transaction as the API runs it (same statements, same order), without HTTP, Nest or validation. */
async function directClaim(pool: pg.Pool, holderId: string, customerId: string): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('pool-claimant'), hashtext($1))`, [holderId]);
    const entry = await client.query(`SELECT e.*, p.rules FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id WHERE e.customer_id = $1 FOR UPDATE OF e`, [
      customerId,
    ]);
    if (entry.rowCount !== 1) throw new Error('no entry');
    const held = await client.query(`SELECT 1 FROM pool.protections WHERE customer_id = $1 AND released_at IS NULL`, [customerId]);
    if (held.rowCount) throw new Error('taken');
    await client.query(`SELECT 1 FROM pool.applications WHERE customer_id = $1 AND status = 'pending'`, [customerId]);
    await client.query(`SELECT max(released_at) FROM pool.protections WHERE customer_id = $1 AND holder_id = $2 AND released_at IS NOT NULL`, [
      customerId,
      holderId,
    ]);
    await client.query(
      `INSERT INTO pool.protections (id, customer_id, pool_id, holder_id, scope_kind, source, since) VALUES (gen_random_uuid(), $1, $2, $3, 'customer', 'claim', now())`,
      [customerId, POOL_ID, holderId],
    );
    await client.query(
      `UPDATE pool.entries SET protected = true, wholly_protected = true, last_activity_at = now(), reminded_at = NULL WHERE customer_id = $1`,
      [customerId],
    );
    await client.query(`UPDATE customer.customers SET owner_id = $2, status = 'protected', version = version + 1, updated_at = now() WHERE id = $1`, [
      customerId,
      holderId,
    ]);
    await client.query(
      `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload)
       VALUES ($3, 'bench.customer-protected.v1', 1, now(), 'pool-customer', $1, $1, $2, '{}')`,
      // Time-ordered ids, as the API's events have: the event log is partitioned and read by them.
      [customerId, holderId, uuidv7()],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

/**
 * The recycle job's batch statements sent directly (same selection, releases, entry refresh, read
 * copy and one outbox row per customer), batch after batch until nothing is due: the baseline the
 * job's throughput is compared with. Returns the seconds it took.
 */
async function directRecycle(pool: pg.Pool, batchSize: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const due = await client.query<{ customer_id: string }>(
        `SELECT e.customer_id, e.pool_id, e.last_activity_at,
                COALESCE((p.rules->'recycleAfterDaysByGrade'->>e.grade)::int, (p.rules->>'recycleAfterDays')::int) AS due_days
           FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
          WHERE e.protected
            AND e.last_activity_at < now() - make_interval(days => COALESCE((p.rules->'recycleAfterDaysByGrade'->>e.grade)::int, (p.rules->>'recycleAfterDays')::int))
          ORDER BY e.last_activity_at LIMIT $1 FOR UPDATE OF e SKIP LOCKED`,
        [batchSize],
      );
      const ids = due.rows.map((row) => row.customer_id);
      if (ids.length > 0) {
        await client.query(
          `UPDATE pool.protections SET released_at = now(), release_reason = 'recycled', released_by = 'system'
            WHERE customer_id = ANY($1::uuid[]) AND released_at IS NULL RETURNING id, customer_id, holder_id`,
          [ids],
        );
        await client.query(
          `UPDATE pool.entries e SET protected = false, wholly_protected = false, entered_pool_at = now() WHERE e.customer_id = ANY($1::uuid[])`,
          [ids],
        );
        await client.query(
          `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload)
           SELECT event_id, 'bench.customer-recycled.v1', 1, clock_timestamp(), 'pool-customer', id, id, 'system', '{}'
             FROM unnest($1::uuid[], $2::uuid[]) AS batch(id, event_id)`,
          [ids, ids.map(() => uuidv7())],
        );
        await client.query(`UPDATE customer.customers SET owner_id = NULL, co_holder_ids = '{}', status = 'in-pool' WHERE id = ANY($1::uuid[])`, [ids]);
      }
      await client.query('COMMIT');
      if (ids.length < batchSize) return (Date.now() - started) / 1000;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
  }
}

/** Seconds until the outbox has nothing undelivered (or the limit passed). */
async function waitForDispatch(pool: pg.Pool, limitSeconds: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const { rows } = await pool.query<{ left: string }>(`SELECT count(*) AS left FROM platform.events WHERE dispatched_at IS NULL`);
    if (Number(rows[0]!.left) === 0 || Date.now() - started > limitSeconds * 1000) return (Date.now() - started) / 1000;
    await new Promise((done) => setTimeout(done, 200));
  }
}

export async function benchClaim(serverUrl: string): Promise<void> {
  await withBenchDatabase(serverUrl, async (url) => {
    const api = await startApiProcess({ DATABASE_URL: url, CRM_DEMO: '1', CRM_SCHEDULES: '0', CRM_DATABASE_POOL_SIZE: API_POOL });
    // Idle connections close after a second, so the direct runs' 64 do not stay open beside the API processes.
    const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY, idleTimeoutMillis: 1000 });
    try {
      const post = async (path: string, body: unknown, token?: string) => {
        const response = await fetch(`${api.base}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
      };
      const adminToken = (await post('/api/v1/auth/login', { username: 'admin', password: 'demo1234' })).body.accessToken as string;
      // The demo's pool rules cap claims per day and per person: lift them, every claim here is distinct.
      await fetch(`${api.base}/api/v1/pools/${POOL_ID}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ rules: { maxHeldByRole: {}, maxClaimsPerDay: null, gradeRights: {} } }),
      }).then((response) => {
        if (!response.ok) throw new Error(`Could not lift the pool limits: ${response.status}`);
      });
      const reps: { id: string; token: string }[] = [];
      for (let i = 0; i < CONCURRENCY; i++) {
        const created = await post(
          '/api/v1/admin/users',
          { username: `bench.${i}`, displayName: `Bench ${i}`, password: 'bench-password', roles: ['sales-rep'] },
          adminToken,
        );
        const token = (await post('/api/v1/auth/login', { username: `bench.${i}`, password: 'bench-password' })).body.accessToken as string;
        reps.push({ id: created.body.id as string, token });
      }
      const perRep = Math.ceil(CLAIMS / CONCURRENCY);
      const apiTargets = await seedPoolCustomers(pool, perRep * CONCURRENCY, 'api', null);
      const sqlTargets = await seedPoolCustomers(pool, perRep * CONCURRENCY, 'sql', null);
      await pool.query('ANALYZE');
      console.log(`${CONCURRENCY} reps, ${apiTargets.length} + ${sqlTargets.length} pool customers, ${API_POOL} database connections per API process`);

      const claimOverHttp = async (rep: { token: string }, customerId: string, base = api.base) => {
        const response = await request(`${base}/api/v1/pool/customers/${customerId}/claims`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${rep.token}` },
          body: '{}',
        });
        if (response.status !== 201) throw new Error(String(response.status));
      };
      // Client i always claims for rep i, from its own slice: distinct customers, no contention by design.
      const claimVia = (targets: string[], run: (rep: { id: string; token: string }, customerId: string) => Promise<void>) => {
        const cursors = reps.map((_, i) => i * perRep);
        return async (index: number) => {
          const repIndex = index % CONCURRENCY;
          await run(reps[repIndex]!, targets[cursors[repIndex]!++]!);
        };
      };
      const cpuBefore = api.cpuSeconds();
      const apiClaims = await runLoad('API claim', { concurrency: CONCURRENCY, total: perRep * CONCURRENCY }, claimVia(apiTargets, claimOverHttp));
      // Includes the dispatcher delivering the claims' events in the same process, as in production.
      const dispatched = await waitForDispatch(pool, 120);
      const cpuPerClaim = ((api.cpuSeconds() - cpuBefore) * 1000) / apiClaims.operations;
      const sqlClaims = await runLoad(
        'pg claim (same transaction)',
        { concurrency: CONCURRENCY, total: perRep * CONCURRENCY },
        claimVia(sqlTargets, (rep, customerId) => directClaim(pool, rep.id, customerId)),
      );
      printTable([apiClaims, sqlClaims]);
      console.log(ratio(apiClaims, sqlClaims));
      console.log(
        `API process CPU per claim: ${cpuPerClaim.toFixed(2)} ms (its events' reactions included; dispatched ${dispatched.toFixed(1)} s after the last claim)`,
      );

      // The same load spread over two API processes on the same database (what a second replica buys on this box),
      // once the direct claims' events are delivered, and with the new process warmed up.
      await waitForDispatch(pool, 120);
      const second = await startApiProcess({ DATABASE_URL: url, CRM_SCHEDULES: '0', CRM_DATABASE_POOL_SIZE: API_POOL });
      console.log(`Second API process answered /health ${second.startSeconds} s after its start (the first: ${api.startSeconds} s)`);
      try {
        for (const rep of reps.slice(0, 8)) {
          await fetch(`${second.base}/api/v1/me`, { headers: { authorization: `Bearer ${rep.token}` } }).then((response) => response.arrayBuffer());
        }
        const twoTargets = await seedPoolCustomers(pool, perRep * CONCURRENCY, 'two', null);
        await pool.query('ANALYZE pool.entries');
        const bases = [api.base, second.base];
        const twoClaims = await runLoad(
          'API claim, 2 processes',
          { concurrency: CONCURRENCY, total: perRep * CONCURRENCY },
          claimVia(twoTargets, (rep, customerId) => claimOverHttp(rep, customerId, bases[reps.indexOf(rep) % 2]!)),
        );
        printTable([apiClaims, twoClaims]);
        console.log(`API claims/s with two processes / one: ${(twoClaims.perSecond / apiClaims.perSecond).toFixed(2)}x`);
      } finally {
        await second.stop();
      }
      if (RECYCLE <= 0) return;

      console.log(`\nSeeding ${RECYCLE} idle protected customers for the direct batch statements…`);
      for (let done = 0; done < RECYCLE; done += 100_000) {
        await seedPoolCustomers(pool, Math.min(100_000, RECYCLE - done), `direct${done}`, reps[1]!.id);
      }
      // The direct statements run under the same claim load as the job below, so the ratio compares like with like.
      const duringDirectTargets = await seedPoolCustomers(pool, perRep * CONCURRENCY, 'during-direct', null);
      await pool.query('ANALYZE');
      const statements = await statementProfile(pool);
      await statements.reset();
      const directRun = directRecycle(pool, 2000);
      await new Promise((done) => setTimeout(done, 1500));
      const duringDirect = await runLoad(
        'API claim while direct statements recycle',
        { concurrency: CONCURRENCY, total: perRep * CONCURRENCY },
        claimVia(duringDirectTargets, (rep, customerId) => claimOverHttp(rep, customerId)),
      );
      const directSeconds = await directRun;
      console.log(
        `Direct batch statements recycled ${RECYCLE} in ${directSeconds.toFixed(1)} s (${Math.round(RECYCLE / directSeconds)} customers/s), under ${duringDirect.operations} claims`,
      );
      await waitForDispatch(pool, 120);
      await statements.print('direct statements recycling, the claims beside them and the dispatch of their events');

      // The job's phase runs second, on a database that now also holds the direct phase's recycled million and
      // their dead row versions. Vacuumed first, so the rows seeded next reuse that space and no index begins
      // with a run of dead entries: the two phases differ by the live rows only.
      if (process.env.BENCH_RECYCLE_VACUUM !== '0') {
        const vacuumStarted = Date.now();
        await pool.query(
          `VACUUM (ANALYZE) pool.entries, pool.protections, customer.customers, platform.events, customer.timeline_entries, platform.handled_events`,
        );
        console.log(`Vacuumed the direct phase's dead rows in ${((Date.now() - vacuumStarted) / 1000).toFixed(1)} s`);
      }
      console.log(`\nSeeding ${RECYCLE} idle protected customers…`);
      const seeded = Date.now();
      const holder = reps[0]!.id;
      for (let done = 0; done < RECYCLE; done += 100_000) {
        await seedPoolCustomers(pool, Math.min(100_000, RECYCLE - done), `idle${done}`, holder);
      }
      const duringTargets = await seedPoolCustomers(pool, perRep * CONCURRENCY, 'during', null);
      await pool.query('ANALYZE');
      console.log(`Seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`);

      // The worker's own start (module loading, first schedule tick) is timed apart from the job's throughput:
      // the job is "under way" from the moment its first batch is seen committed.
      await statements.reset();
      const workerStarted = Date.now();
      const worker = spawnBuilt(
        'dist/apps/worker/src/main.js',
        {
          DATABASE_URL: url,
          CRM_SCHEDULES: '1',
          CRM_JOB_INTERVAL_SECONDS: '1',
          // The API process delivers the recycled events unless BENCH_WORKER_DISPATCHER=1 lets the worker share them.
          CRM_EVENT_DISPATCHER: process.env.BENCH_WORKER_DISPATCHER ?? '0',
          LOG_LEVEL: 'warn',
        },
        process.env.BENCH_WORKER_NODE_ARGS,
      );
      // Progress is watched with an EXISTS, not a count: counting the due entries every 250 ms read up to
      // the whole million each time (79 ms of PostgreSQL per poll, 14 s over a 200,000 run), load the
      // direct statements' phase never had. The one count is taken when the first batch is seen.
      const DUE = `FROM pool.entries WHERE protected AND last_activity_at < now() - interval '60 days'`;
      const anyDue = async () => (await pool.query(`SELECT EXISTS (SELECT 1 ${DUE}) AS due`)).rows[0]!.due as boolean;
      // Events' ids are time-ordered (uuid v7): the newest 500 are read backwards along the primary key.
      const recycledYet = async () =>
        (
          await pool.query(
            `SELECT EXISTS (SELECT 1 FROM (SELECT type FROM platform.events ORDER BY id DESC LIMIT 500) AS newest WHERE type = 'pool.customer-recycled.v1') AS seen`,
          )
        ).rows[0]!.seen as boolean;
      let firstBatchAt = 0;
      let leftAtFirstBatch = RECYCLE;
      let recycleEndedAt = 0;
      const recycling = (async () => {
        for (;;) {
          if (firstBatchAt === 0 && (await recycledYet())) {
            firstBatchAt = Date.now();
            leftAtFirstBatch = Number((await pool.query<{ left: string }>(`SELECT count(*) AS left ${DUE}`)).rows[0]!.left);
          }
          if (firstBatchAt !== 0 && !(await anyDue())) break;
          if (firstBatchAt === 0 && Date.now() - workerStarted > 300_000) throw new Error('No recycled event seen five minutes after the worker started');
          if (worker.exitStatus() !== null) throw new Error(`Worker exited (${worker.exitStatus()}) with customers due. Its last output:\n${worker.output()}`);
          await new Promise((done) => setTimeout(done, firstBatchAt === 0 ? 50 : 250));
        }
        recycleEndedAt = Date.now();
      })();
      await new Promise((done) => setTimeout(done, 1500));
      const during = await runLoad(
        'API claim while recycling',
        { concurrency: CONCURRENCY, total: perRep * CONCURRENCY },
        claimVia(duringTargets, (rep, customerId) => claimOverHttp(rep, customerId)),
      );
      const claimsEndedAt = Date.now();
      await recycling;
      await worker.stop();
      printTable([apiClaims, duringDirect, during]);
      const startSeconds = (firstBatchAt - workerStarted) / 1000;
      const recycleSeconds = (recycleEndedAt - firstBatchAt) / 1000;
      const perSecond = leftAtFirstBatch / recycleSeconds;
      console.log(
        `Recycled ${RECYCLE} idle customers in ${((recycleEndedAt - workerStarted) / 1000).toFixed(1)} s: worker start to first batch ${startSeconds.toFixed(1)} s, ` +
          `then ${leftAtFirstBatch} in ${recycleSeconds.toFixed(1)} s (${Math.round(perSecond)} customers/s); claims ran for ${((claimsEndedAt - workerStarted) / 1000).toFixed(1)} s of it`,
      );
      console.log(`Recycling / direct batch statements: throughput ${(perSecond / (RECYCLE / directSeconds)).toFixed(2)}x`);
      console.log(`Claim p99 while recycling: ${during.p99Ms} ms (vs ${apiClaims.p99Ms} ms idle): ${(during.p99Ms / apiClaims.p99Ms).toFixed(2)}x`);
      // The recycled events' after-commit reactions (timeline, webhooks) are delivered by the API process's dispatcher.
      const drainStarted = Date.now();
      for (;;) {
        const { rows } = await pool.query<{ left: string }>(`SELECT count(*) AS left FROM platform.events WHERE dispatched_at IS NULL`);
        if (Number(rows[0]!.left) === 0 || Date.now() - drainStarted > DISPATCH_WAIT_SECONDS * 1000) {
          console.log(
            `Dispatch backlog: ${rows[0]!.left} events left ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after recycling ended (${((Date.now() - workerStarted) / 1000).toFixed(1)} s after the worker started)`,
          );
          break;
        }
        await new Promise((done) => setTimeout(done, 500));
      }
      await statements.print('the job recycling, the claims beside it and the dispatch of its events');
    } finally {
      await pool.end();
      await api.stop();
    }
  });
}
