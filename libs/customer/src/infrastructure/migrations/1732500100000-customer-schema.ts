import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers, follow-ups, grade rules and the customer 360 timeline read model. */
export class CustomerSchema1732500100000 implements MigrationInterface {
  name = 'CustomerSchema1732500100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS customer`);
    await db.query(`
      CREATE TABLE customer.customers (
        id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('enterprise', 'individual')),
        name text NOT NULL,
        normalized_name text NOT NULL,
        short_name text,
        industry text,
        credit_code text,
        country text NOT NULL,
        province text,
        city text,
        size text CHECK (size IN ('micro', 'small', 'medium', 'large')),
        type text NOT NULL,
        phone text,
        normalized_phone text,
        email text,
        website text,
        parent_id uuid REFERENCES customer.customers(id),
        owner_id uuid,
        status text NOT NULL CHECK (status IN ('in-pool', 'protected')),
        grade text NOT NULL,
        last_followup_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1
      )`);
    // Duplicate prevention's last line of defence: racing creators cannot both win.
    await db.query(`CREATE UNIQUE INDEX customers_credit_code_key ON customer.customers (credit_code) WHERE credit_code IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX customers_enterprise_name_key ON customer.customers (normalized_name) WHERE kind = 'enterprise'`);
    await db.query(
      `CREATE UNIQUE INDEX customers_individual_phone_key ON customer.customers (normalized_phone)
        WHERE kind = 'individual' AND normalized_phone IS NOT NULL`,
    );
    await db.query(`CREATE INDEX customers_owner_idx ON customer.customers (owner_id, id DESC)`);
    await db.query(`CREATE INDEX customers_parent_idx ON customer.customers (parent_id) WHERE parent_id IS NOT NULL`);
    await db.query(`CREATE INDEX customers_normalized_name_trgm ON customer.customers USING gin (normalized_name gin_trgm_ops)`);
    await db.query(`CREATE INDEX customers_name_trgm ON customer.customers USING gin (name gin_trgm_ops)`);
    await db.query(`CREATE INDEX customers_followup_idx ON customer.customers (last_followup_at) WHERE status = 'protected'`);

    await db.query(`
      CREATE TABLE customer.follow_ups (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES customer.customers(id),
        author_id uuid NOT NULL,
        channel text NOT NULL,
        content text NOT NULL,
        occurred_at timestamptz NOT NULL,
        next_followup_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX follow_ups_customer_idx ON customer.follow_ups (customer_id, occurred_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE customer.grade_policy (
        id integer PRIMARY KEY CHECK (id = 1),
        default_grade text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE customer.grade_rules (
        customer_type text,
        size text,
        grade text NOT NULL,
        UNIQUE NULLS NOT DISTINCT (customer_type, size)
      )`);
    await db.query(`INSERT INTO customer.grade_policy (id, default_grade) VALUES (1, 'C')`);
    await db.query(`
      INSERT INTO customer.grade_rules (customer_type, size, grade) VALUES
        ('government', NULL, 'A'),
        ('state-owned', 'large', 'A'),
        ('foreign', 'large', 'A'),
        (NULL, 'large', 'B'),
        (NULL, 'medium', 'B'),
        (NULL, 'micro', 'D'),
        ('individual', NULL, 'C')`);

    await db.query(`
      CREATE TABLE customer.timeline_entries (
        event_id uuid PRIMARY KEY,
        customer_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id text,
        payload jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX timeline_customer_idx ON customer.timeline_entries (customer_id, occurred_at DESC, event_id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA customer CASCADE`);
  }
}
