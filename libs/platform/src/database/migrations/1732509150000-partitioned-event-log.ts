import type { MigrationInterface, QueryRunner } from 'typeorm';

const COLUMNS = `seq, id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload,
  tx_id, dispatched_at, dispatch_attempts, dispatch_error, next_dispatch_at, published_at, publish_attempts`;

/** Months of partitions kept ready ahead of the current one (the worker's maintenance job keeps it so). */
const MONTHS_AHEAD = 3;

/**
 * The event log becomes a table partitioned by month of its UUIDv7 id (the time the event was
 * recorded, to the millisecond), so the id stays its primary key, lookups by id touch one
 * partition, and old months can be detached to an archive without touching the rest (ADR 0010).
 * Existing rows are moved into their months; a default partition catches anything outside them.
 */
export class PartitionedEventLog1732509150000 implements MigrationInterface {
  name = 'PartitionedEventLog1732509150000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS event_archive`);
    // The smallest UUIDv7 recorded at or after a moment: partition bounds are these.
    await db.query(`
      CREATE FUNCTION platform.event_id_floor(at timestamptz) RETURNS uuid LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT (lpad(to_hex(floor(extract(epoch FROM at) * 1000)::bigint), 12, '0') || '00000000000000000000')::uuid
      $$`);
    // The moment a UUIDv7 was made (to the millisecond).
    await db.query(`
      CREATE FUNCTION platform.event_id_time(id uuid) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_timestamp(('x' || lpad(substr(replace(id::text, '-', ''), 1, 12), 16, '0'))::bit(64)::bigint / 1000.0)
      $$`);

    await db.query(`ALTER TABLE platform.events RENAME TO events_unpartitioned`);
    await db.query(`DROP TRIGGER events_written ON platform.events_unpartitioned`);
    await db.query(`ALTER TABLE platform.events_unpartitioned RENAME CONSTRAINT events_pkey TO events_unpartitioned_pkey`);
    await db.query(`ALTER TABLE platform.events_unpartitioned DROP CONSTRAINT events_id_key`);
    await db.query(`DROP INDEX platform.events_undispatched_idx, platform.events_unpublished_idx, platform.events_feed_idx, platform.events_aggregate_idx`);
    await db.query(`
      CREATE TABLE platform.events (
        seq bigint NOT NULL DEFAULT nextval('platform.events_seq_seq'),
        id uuid NOT NULL,
        type text NOT NULL,
        version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        customer_id uuid,
        actor_id text,
        correlation_id text,
        causation_id text,
        payload jsonb NOT NULL,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        dispatched_at timestamptz,
        dispatch_attempts integer NOT NULL DEFAULT 0,
        dispatch_error text,
        next_dispatch_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0,
        PRIMARY KEY (id)
      ) PARTITION BY RANGE (id)`);
    await db.query(`ALTER SEQUENCE platform.events_seq_seq OWNED BY platform.events.seq`);
    await db.query(`CREATE TABLE platform.events_default PARTITION OF platform.events DEFAULT`);
    // Each partition gets its own copy of these; the two partial ones stay as small as the backlog.
    await db.query(`CREATE INDEX events_undispatched_idx ON platform.events (seq) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX events_unpublished_idx ON platform.events (seq) WHERE published_at IS NULL`);
    await db.query(`CREATE INDEX events_feed_idx ON platform.events (tx_id, seq)`);
    await db.query(`CREATE INDEX events_aggregate_idx ON platform.events (aggregate_id, seq)`);

    /*
     * Creates the monthly partitions from `since`'s month to `months_ahead` months after the current
     * one that do not exist yet; returns how many it created. Idempotent, and serialised by an
     * advisory lock, so several workers may run it at once. A new partition is made beside the
     * table and attached (which does not block writers), taking over any rows of its month that
     * landed in the default partition meanwhile.
     */
    await db.query(`
      CREATE FUNCTION platform.create_event_partitions(since timestamptz, months_ahead integer) RETURNS integer
      LANGUAGE plpgsql AS $$
      DECLARE
        month_start timestamp := date_trunc('month', least(since, now()) AT TIME ZONE 'UTC');
        last_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => months_ahead);
        partition_name text;
        low uuid;
        high uuid;
        created integer := 0;
      BEGIN
        PERFORM pg_advisory_xact_lock(727002);
        WHILE month_start <= last_month LOOP
          partition_name := 'events_' || to_char(month_start, 'YYYY_MM');
          IF to_regclass('platform.' || partition_name) IS NULL AND to_regclass('event_archive.' || partition_name) IS NULL THEN
            low := platform.event_id_floor(month_start AT TIME ZONE 'UTC');
            high := platform.event_id_floor((month_start + interval '1 month') AT TIME ZONE 'UTC');
            EXECUTE format('CREATE TABLE platform.%I (LIKE platform.events)', partition_name);
            IF EXISTS (SELECT 1 FROM platform.events_default WHERE id >= low AND id < high) THEN
              LOCK TABLE platform.events_default IN ACCESS EXCLUSIVE MODE;
              EXECUTE format(
                'WITH moved AS (DELETE FROM platform.events_default WHERE id >= %L AND id < %L RETURNING *) INSERT INTO platform.%I SELECT * FROM moved',
                low, high, partition_name);
            END IF;
            EXECUTE format('ALTER TABLE platform.events ATTACH PARTITION platform.%I FOR VALUES FROM (%L) TO (%L)', partition_name, low, high);
            created := created + 1;
          END IF;
          month_start := month_start + interval '1 month';
        END LOOP;
        RETURN created;
      END $$`);

    /*
     * Detaches the monthly partitions wholly before `before`'s month into the event_archive schema,
     * from where they are dumped and dropped (docs/scale-out.md). A month that still holds an event
     * not yet delivered or published stays. Returns the archived tables' names.
     */
    await db.query(`
      CREATE FUNCTION platform.archive_event_partitions(before timestamptz, require_published boolean) RETURNS SETOF text
      LANGUAGE plpgsql AS $$
      DECLARE
        part record;
        pending boolean;
      BEGIN
        PERFORM pg_advisory_xact_lock(727002);
        SET LOCAL lock_timeout = '10s';
        FOR part IN
          SELECT c.relname
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'platform.events'::regclass AND c.relname ~ '^events_[0-9]{4}_[0-9]{2}$'
             AND to_timestamp(substr(c.relname, 8), 'YYYY_MM')::date + interval '1 month'
                 <= date_trunc('month', before AT TIME ZONE 'UTC')
           ORDER BY c.relname
        LOOP
          EXECUTE format('SELECT EXISTS (SELECT 1 FROM platform.%I WHERE dispatched_at IS NULL OR ($1 AND published_at IS NULL))', part.relname)
            INTO pending USING require_published;
          CONTINUE WHEN pending;
          EXECUTE format('ALTER TABLE platform.events DETACH PARTITION platform.%I', part.relname);
          EXECUTE format('ALTER TABLE platform.%I SET SCHEMA event_archive', part.relname);
          RETURN NEXT part.relname;
        END LOOP;
      END $$`);

    const [{ since }] = (await db.query(`SELECT min(occurred_at) AS since FROM platform.events_unpartitioned`)) as [{ since: Date | null }];
    await db.query(`SELECT platform.create_event_partitions(coalesce($1::timestamptz, now()), $2)`, [since, MONTHS_AHEAD]);
    await db.query(`INSERT INTO platform.events (${COLUMNS}) SELECT ${COLUMNS} FROM platform.events_unpartitioned`);
    await db.query(`DROP TABLE platform.events_unpartitioned`);
    await db.query(`
      CREATE TRIGGER events_written AFTER INSERT ON platform.events
      FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_events_written()`);
    await db.query(`ANALYZE platform.events`);
  }

  async down(db: QueryRunner): Promise<void> {
    // Back to one table with what is attached; archived months stay in event_archive.
    await db.query(`ALTER TABLE platform.events RENAME TO events_partitioned`);
    await db.query(`DROP TRIGGER events_written ON platform.events_partitioned`);
    await db.query(`ALTER TABLE platform.events_partitioned RENAME CONSTRAINT events_pkey TO events_partitioned_pkey`);
    await db.query(`
      CREATE TABLE platform.events (
        seq bigint NOT NULL DEFAULT nextval('platform.events_seq_seq') CONSTRAINT events_pkey PRIMARY KEY,
        id uuid NOT NULL CONSTRAINT events_id_key UNIQUE,
        type text NOT NULL,
        version integer NOT NULL,
        occurred_at timestamptz NOT NULL,
        aggregate_type text NOT NULL,
        aggregate_id uuid NOT NULL,
        customer_id uuid,
        actor_id text,
        correlation_id text,
        causation_id text,
        payload jsonb NOT NULL,
        tx_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        dispatched_at timestamptz,
        dispatch_attempts integer NOT NULL DEFAULT 0,
        dispatch_error text,
        next_dispatch_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_attempts integer NOT NULL DEFAULT 0
      )`);
    await db.query(`INSERT INTO platform.events (${COLUMNS}) SELECT ${COLUMNS} FROM platform.events_partitioned ORDER BY seq`);
    await db.query(`ALTER SEQUENCE platform.events_seq_seq OWNED BY platform.events.seq`);
    await db.query(`DROP TABLE platform.events_partitioned`);
    await db.query(`CREATE INDEX events_undispatched_idx ON platform.events (seq) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX events_unpublished_idx ON platform.events (seq) WHERE published_at IS NULL`);
    await db.query(`CREATE INDEX events_feed_idx ON platform.events (tx_id, seq)`);
    await db.query(`CREATE INDEX events_aggregate_idx ON platform.events (aggregate_id, seq)`);
    await db.query(`
      CREATE TRIGGER events_written AFTER INSERT ON platform.events
      FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_events_written()`);
    await db.query(`DROP FUNCTION platform.archive_event_partitions(timestamptz, boolean)`);
    await db.query(`DROP FUNCTION platform.create_event_partitions(timestamptz, integer)`);
    await db.query(`DROP FUNCTION platform.event_id_time(uuid)`);
    await db.query(`DROP FUNCTION platform.event_id_floor(timestamptz)`);
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'event_archive') THEN
          DROP SCHEMA event_archive;
        END IF;
      END $$`);
  }
}
