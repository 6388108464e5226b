import { MaintainEventLogJob } from '@crm/platform';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';
import { PartitionedEventLog1732509150000 } from '../../libs/platform/src/database/migrations/1732509150000-partitioned-event-log.js';
import { describeOnServer } from '../support/test-database.js';
import { TestApp, type TestUser } from '../support/test-app.js';

/** A synthetic event type no reaction but the catch-all ones (timeline, webhooks) listens to. */
const PROBE = 'partition-probe';
/**
 * The feed holds back events while any older transaction on the server runs (other databases'
 * too): on a shared server, wait for that long.
 */
const FEED_WAIT_MS = 100_000;

/** The first moment of the month `offset` months from the current one (UTC). */
function monthStart(offset: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
}

/** A UUIDv7 recorded `hours` into the month `offset` months from now: it belongs to that month's partition. */
function idIn(offset: number, hours = 1): string {
  return uuidv7({ msecs: monthStart(offset).getTime() + hours * 3_600_000 });
}

describeOnServer('Event log partitioned by month (ADR 0010)', () => {
  let api: TestApp;
  let admin: TestUser;
  let rep: TestUser;

  /** Inserts probe events with these ids, in one transaction per call (the feed orders by transaction). */
  async function record(ids: string[], options: { customerId?: string; pending?: boolean; dueLater?: boolean } = {}): Promise<void> {
    await api.tx.run(() =>
      api.tx.query(
        `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, payload,
                                      dispatched_at, published_at, next_dispatch_at)
         SELECT id, $2, 1, CASE WHEN substr(id::text, 15, 1) = '7' THEN platform.event_id_time(id) ELSE now() END, 'probe', id, $3, 'system', jsonb_build_object('n', n),
                CASE WHEN $4 THEN NULL ELSE now() END, now(), CASE WHEN $5 THEN now() + interval '1 day' ELSE now() END
           FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [ids, PROBE, options.customerId ?? null, options.pending ?? false, options.dueLater ?? false],
      ),
    );
  }

  async function partitionOf(id: string): Promise<string | undefined> {
    const [row] = await api.tx.query<{ partition: string }>(`SELECT tableoid::regclass::text AS partition FROM platform.events WHERE id = $1`, [id]);
    return row?.partition;
  }

  /**
   * Reads the probe feed after `after`, `limit` at a time, until `expected` events came (the feed
   * holds back events while any older transaction on the server is still running).
   */
  async function readFeed(after: string | undefined, limit: number, expected = 0): Promise<{ ids: string[]; cursor: string; pages: number }> {
    const deadline = Date.now() + FEED_WAIT_MS;
    for (;;) {
      const read = await readFeedOnce(after, limit);
      if (read.ids.length >= expected || Date.now() > deadline) return read;
      await new Promise((done) => setTimeout(done, 100));
    }
  }

  async function readFeedOnce(after: string | undefined, limit: number): Promise<{ ids: string[]; cursor: string; pages: number }> {
    const ids: string[] = [];
    let cursor = after;
    let pages = 0;
    for (;;) {
      const page = await api.http
        .get('/api/v1/events')
        .query({ typePrefix: PROBE, limit, ...(cursor ? { after: cursor } : {}) })
        .set('Authorization', admin.auth)
        .expect(200);
      pages++;
      cursor = page.body.nextCursor as string;
      if (page.body.items.length === 0) return { ids, cursor, pages };
      ids.push(...(page.body.items as { id: string }[]).map((item) => item.id));
    }
  }

  beforeAll(async () => {
    api = await TestApp.start({ config: { runEventDispatcher: false } });
    admin = await api.user(['admin']);
    rep = await api.user(['sales-rep']);
    // The two months before this one, as a log that has run for a while has them.
    await api.tx.run(() => api.tx.query(`SELECT platform.create_event_partitions($1, 3)`, [monthStart(-2)]));
  });
  afterAll(() => api.close());

  it('keeps each event in the partition of the month its id was recorded in, and the rest in the default partition', async () => {
    const [older, last, current, unordered] = [idIn(-2), idIn(-1), idIn(0), uuidv4()];
    await record([older!, last!, current!, unordered!]);
    const month = (offset: number) => `platform.events_${monthStart(offset).toISOString().slice(0, 7).replace('-', '_')}`;
    expect(await partitionOf(older!)).toBe(month(-2));
    expect(await partitionOf(last!)).toBe(month(-1));
    expect(await partitionOf(current!)).toBe(month(0));
    expect(await partitionOf(unordered!)).toBe('platform.events_default');
    // The id is still the primary key across every partition.
    await expect(record([current!])).rejects.toThrow(/duplicate key/);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  });

  it('pages through the feed across a partition boundary in commit order, without a gap or a repeat', async () => {
    const before = await readFeed(undefined, 100);
    expect(before.ids).toEqual([]);
    // Last month's events commit first, then this month's, then (a late writer) last month's again.
    const first = [idIn(-1, 1), idIn(-1, 2), idIn(-1, 3)];
    const second = [idIn(0, 1), idIn(0, 2)];
    const third = [idIn(-1, 5)];
    await record(first);
    await record(second);
    await record(third);
    const all = await readFeed(undefined, 2, 6);
    expect(all.ids).toEqual([...first, ...second, ...third]);
    expect(all.pages).toBe(4);
    // Each page's cursor picks up where it stopped, whichever partition the next event is in.
    const fromMiddle = await readFeed((await firstPageCursor(3)).cursor, 2, 3);
    expect(fromMiddle.ids).toEqual([...second, ...third]);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  }, 300_000);

  it('orders the feed by transaction number, not by its text: 9 before 10, 99 before 100', async () => {
    // Transactions long finished (numbers far below any running one), recorded with these numbers.
    const ids = [idIn(0, 1), idIn(0, 2), idIn(0, 3), idIn(0, 4)];
    await api.tx.query(
      `INSERT INTO platform.events (id, type, version, occurred_at, aggregate_type, aggregate_id, actor_id, payload, dispatched_at, published_at, tx_id)
       SELECT id, $2, 1, platform.event_id_time(id), 'probe', id, 'system', '{}', now(), now(), tx::text::xid8
         FROM unnest($1::uuid[], $3::bigint[]) AS t(id, tx)`,
      [ids, PROBE, [100, 9, 99, 10]],
    );
    const all = await readFeed(undefined, 1, 4);
    expect(all.ids).toEqual([ids[1], ids[3], ids[2], ids[0]]);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  }, 300_000);

  async function firstPageCursor(limit: number): Promise<{ cursor: string }> {
    const page = await api.http.get('/api/v1/events').query({ typePrefix: PROBE, limit }).set('Authorization', admin.auth).expect(200);
    return { cursor: page.body.nextCursor as string };
  }

  it('dispatches pending events from several partitions to the reactions, each once', async () => {
    const customer = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name: '分区派发有限公司' }).expect(201);
    await api.settleEvents();
    const ids = [idIn(-2), idIn(-1), idIn(0), uuidv4()];
    await record(ids, { customerId: customer.body.id as string, pending: true });
    const partitions = new Set(await Promise.all(ids.map(partitionOf)));
    expect(partitions.size).toBe(4);
    await api.settleEvents();
    const delivered = await api.tx.query<{ id: string }>(`SELECT id FROM platform.events WHERE id = ANY($1::uuid[]) AND dispatched_at IS NOT NULL`, [ids]);
    expect(delivered.map((row) => row.id).sort()).toEqual([...ids].sort());
    const timeline = await api.tx.query<{ event_id: string }>(`SELECT event_id FROM customer.timeline_entries WHERE customer_id = $1 AND type = $2`, [
      customer.body.id,
      PROBE,
    ]);
    expect(timeline.map((row) => row.event_id).sort()).toEqual([...ids].sort());
    const page = await api.http.get(`/api/v1/customers/${customer.body.id}/timeline`).set('Authorization', rep.auth).expect(200);
    expect((page.body.items as { type: string }[]).filter((item) => item.type === PROBE)).toHaveLength(4);
    const inbox = await api.tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM platform.handled_events WHERE consumer = 'customer.timeline-projection' AND event_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(inbox[0]!.count).toBe(4);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  });

  it('archives delivered months past the retention, and a cursor from an archived month still reads the newer events', async () => {
    const archivedMonth = [idIn(-2, 1), idIn(-2, 2)];
    const later = [idIn(-1, 1), idIn(0, 1)];
    await record(archivedMonth);
    await record(later);
    // A reader stopped inside the month about to be archived.
    await readFeed(undefined, 10, 4);
    const stopped = await firstPageCursor(1);

    const job = new MaintainEventLogJob(api.tx, { ...api.config, natsUrl: undefined, eventArchiveAfterMonths: 1 });
    const result = await job.run();
    const archivedName = `events_${monthStart(-2).toISOString().slice(0, 7).replace('-', '_')}`;
    expect(result.archived).toEqual([archivedName]);
    const kept = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM event_archive.${archivedName}`);
    expect(kept[0]!.count).toBe(2);
    expect(await partitionOf(archivedMonth[0]!)).toBeUndefined();

    // The rest of the archived month is gone from the feed; what came after it is all there.
    expect((await readFeed(stopped.cursor, 1, 2)).ids).toEqual(later);
    expect((await readFeed(undefined, 10, 2)).ids).toEqual(later);
    // The next run finds nothing more to archive, and does not create the archived month again.
    expect((await job.run()).archived).toEqual([]);
    expect(await api.tx.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relnamespace = 'platform'::regnamespace`, [archivedName])).toEqual([]);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  }, 300_000);

  it('keeps a month with an undelivered event attached', async () => {
    await api.tx.run(() => api.tx.query(`SELECT platform.create_event_partitions($1, 3)`, [monthStart(-4)]));
    const pending = idIn(-4);
    await record([pending], { pending: true, dueLater: true });
    const job = new MaintainEventLogJob(api.tx, { ...api.config, natsUrl: undefined, eventArchiveAfterMonths: 1 });
    const result = await job.run();
    const pendingMonth = `events_${monthStart(-4).toISOString().slice(0, 7).replace('-', '_')}`;
    expect(result.archived).toEqual([`events_${monthStart(-3).toISOString().slice(0, 7).replace('-', '_')}`]);
    expect(await partitionOf(pending)).toBe(`platform.${pendingMonth}`);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  });

  it('creates each future month once when two maintenance runs race, taking over rows the default partition held for it', async () => {
    const ahead = (offset: number) => `events_${monthStart(offset).toISOString().slice(0, 7).replace('-', '_')}`;
    // The month three ahead is missing (as when the job did not run for a while) and an event landed in it meanwhile.
    await api.tx.execute(`ALTER TABLE platform.events DETACH PARTITION platform.${ahead(3)}`);
    await api.tx.execute(`DROP TABLE platform.${ahead(3)}`);
    const early = idIn(3);
    await record([early]);
    expect(await partitionOf(early)).toBe('platform.events_default');

    const clients = [new pg.Client({ connectionString: api.config.databaseUrl }), new pg.Client({ connectionString: api.config.databaseUrl })];
    await Promise.all(clients.map((client) => client.connect()));
    try {
      // Both start a transaction and hold it open a moment, so the two really overlap.
      const runs = clients.map(async (client) => {
        await client.query('BEGIN');
        const { rows } = await client.query<{ created: number }>(`SELECT platform.create_event_partitions(now(), 3) AS created, pg_sleep(0.3)`);
        await client.query('COMMIT');
        return rows[0]!.created;
      });
      const created = await Promise.all(runs);
      expect(created.sort()).toEqual([0, 1]);
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
    expect(await partitionOf(early)).toBe(`platform.${ahead(3)}`);
    const jobs = [0, 1].map(() => new MaintainEventLogJob(api.tx, { ...api.config, eventArchiveAfterMonths: undefined }));
    const again = await Promise.all(jobs.map((job) => job.run()));
    expect(again.map((result) => result.created)).toEqual([0, 0]);
    const months = await api.tx.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM pg_inherits WHERE inhparent = 'platform.events'::regclass AND inhrelid = $1::regclass`,
      [`platform.${ahead(3)}`],
    );
    expect(months[0]!.count).toBe(1);
    await api.tx.execute(`DELETE FROM platform.events WHERE type = $1`, [PROBE]);
  });

  it('goes back to one table with every attached event and returns to partitions with them (migration down and up)', async () => {
    const ids = [idIn(-1), idIn(0), uuidv4()];
    await record(ids);
    const [{ count: before }] = (await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM platform.events`)) as [{ count: number }];
    const runner = api.app.get(DataSource).createQueryRunner();
    try {
      const migration = new PartitionedEventLog1732509150000();
      await runner.startTransaction();
      await migration.down(runner);
      await runner.commitTransaction();
      const [{ kind }] = (await runner.query(`SELECT relkind AS kind FROM pg_class WHERE oid = 'platform.events'::regclass`)) as [{ kind: string }];
      expect(kind).toBe('r');
      const plain = (await runner.query(`SELECT count(*)::int AS count FROM platform.events`)) as [{ count: number }];
      expect(plain[0].count).toBe(before);
      await runner.startTransaction();
      await migration.up(runner);
      await runner.commitTransaction();
    } finally {
      await runner.release();
    }
    const after = await api.tx.query<{ count: number }>(`SELECT count(*)::int AS count FROM platform.events`);
    expect(after[0]!.count).toBe(before);
    expect(await partitionOf(ids[0]!)).toMatch(/^platform\.events_\d{4}_\d{2}$/);
    expect(await partitionOf(ids[2]!)).toBe('platform.events_default');
    // New events keep their place after the rows that were moved.
    const created = await api.http.post('/api/v1/customers').set('Authorization', rep.auth).send({ kind: 'enterprise', name: '迁移往返有限公司' }).expect(201);
    const [newest] = await api.tx.query<{ id: string }>(`SELECT id FROM platform.events ORDER BY seq DESC LIMIT 1`);
    expect(newest!.id).toBeDefined();
    expect(await api.tx.query(`SELECT 1 FROM platform.events WHERE aggregate_id = $1`, [created.body.id])).not.toHaveLength(0);
  });
});
