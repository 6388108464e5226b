import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisation, users, the event log (outbox), consumer inbox, idempotency keys and settings. */
export class PlatformFoundation1732500000000 implements MigrationInterface {
  name = 'PlatformFoundation1732500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE SCHEMA IF NOT EXISTS platform`);
    await db.query(`
      CREATE TABLE platform.departments (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        parent_id uuid REFERENCES platform.departments(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX departments_name_key ON platform.departments (lower(name))`);
    await db.query(`
      CREATE TABLE platform.teams (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        department_id uuid NOT NULL REFERENCES platform.departments(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX teams_department_name_key ON platform.teams (department_id, lower(name))`);
    await db.query(`
      CREATE TABLE platform.users (
        id uuid PRIMARY KEY,
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        department_id uuid REFERENCES platform.departments(id),
        team_id uuid REFERENCES platform.teams(id),
        roles text[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX users_username_key ON platform.users (lower(username))`);
    await db.query(`CREATE INDEX users_team_idx ON platform.users (team_id)`);
    await db.query(`CREATE INDEX users_department_idx ON platform.users (department_id)`);

    await db.query(`CREATE TABLE platform.settings (key text PRIMARY KEY, value jsonb NOT NULL)`);

    // The outbox is also the permanent event log: the feed, NATS relay and audit read from it.
    await db.query(`
      CREATE TABLE platform.events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
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
    await db.query(`CREATE INDEX events_undispatched_idx ON platform.events (seq) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX events_unpublished_idx ON platform.events (seq) WHERE published_at IS NULL`);
    await db.query(`CREATE INDEX events_feed_idx ON platform.events (tx_id, seq)`);
    await db.query(`CREATE INDEX events_aggregate_idx ON platform.events (aggregate_id, seq)`);
    await db.query(`
      CREATE FUNCTION platform.notify_events_written() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('crm_events', '');
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER events_written AFTER INSERT ON platform.events
      FOR EACH STATEMENT EXECUTE FUNCTION platform.notify_events_written()`);

    await db.query(`
      CREATE TABLE platform.handled_events (
        consumer text NOT NULL,
        event_id uuid NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);

    await db.query(`
      CREATE TABLE platform.idempotency_keys (
        principal text NOT NULL,
        key text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('in-flight', 'completed')),
        response_status integer,
        response_body jsonb,
        response_headers jsonb,
        locked_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (principal, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_idx ON platform.idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA platform CASCADE`);
  }
}
