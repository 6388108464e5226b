import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pools [公海] with their rules, each customer's place in a pool, protections [保护] with their
 * history, and claim applications [申领申请] with their reservations.
 */
export class PoolSchema1732500500000 implements MigrationInterface {
  name = 'PoolSchema1732500500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS pool`);
    await db.query(`
      CREATE TABLE pool.pools (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        department_id uuid,
        is_default boolean NOT NULL DEFAULT false,
        admin_ids uuid[] NOT NULL DEFAULT '{}',
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX pools_default_key ON pool.pools (is_default) WHERE is_default`);
    await db.query(`CREATE UNIQUE INDEX pools_department_key ON pool.pools (department_id) WHERE department_id IS NOT NULL`);
    await db.query(`INSERT INTO pool.pools (id, name, is_default, rules) VALUES ('00000000-0000-7000-8000-0000000000a1', '公海', true, $1)`, [
      JSON.stringify({
        recycleAfterDays: 30,
        recycleAfterDaysByGrade: {},
        remindDaysBefore: 3,
        maxHeldByRole: {},
        maxHeldByUser: {},
        maxClaimsPerDay: null,
        coolDownDays: 7,
        reservationHours: 72,
        scopeMode: 'customer',
        gradeRights: {},
      }),
    ]);

    // The Pool context's own record of each customer, fed by Customer events.
    await db.query(`
      CREATE TABLE pool.entries (
        customer_id uuid PRIMARY KEY,
        pool_id uuid NOT NULL REFERENCES pool.pools(id),
        grade text NOT NULL,
        last_activity_at timestamptz NOT NULL,
        protected boolean NOT NULL DEFAULT false,
        wholly_protected boolean NOT NULL DEFAULT false,
        reminded_at timestamptz,
        entered_pool_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX entries_recycle_idx ON pool.entries (last_activity_at) WHERE protected`);
    await db.query(`CREATE INDEX entries_claimable_idx ON pool.entries (pool_id, customer_id DESC) WHERE NOT wholly_protected`);

    await db.query(`
      CREATE TABLE pool.protections (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES pool.entries(customer_id),
        pool_id uuid NOT NULL,
        holder_id uuid NOT NULL,
        scope_kind text NOT NULL CHECK (scope_kind IN ('customer', 'product-line', 'product')),
        scope_id uuid,
        product_line_id uuid,
        source text NOT NULL CHECK (source IN ('created', 'claim', 'approval', 'transfer')),
        application_id uuid,
        since timestamptz NOT NULL,
        released_at timestamptz,
        release_reason text,
        released_by text
      )`);
    // Last line of defence: one active protection per customer and scope, and one whole-customer holder.
    await db.query(
      `CREATE UNIQUE INDEX protections_active_scope_key ON pool.protections (customer_id, scope_kind, scope_id) NULLS NOT DISTINCT
        WHERE released_at IS NULL`,
    );
    await db.query(`CREATE UNIQUE INDEX protections_active_whole_key ON pool.protections (customer_id) WHERE released_at IS NULL AND scope_kind = 'customer'`);
    await db.query(`CREATE INDEX protections_holder_idx ON pool.protections (holder_id, pool_id) WHERE released_at IS NULL`);
    await db.query(`CREATE INDEX protections_active_customer_idx ON pool.protections (customer_id) WHERE released_at IS NULL`);
    await db.query(`CREATE INDEX protections_history_idx ON pool.protections (customer_id, holder_id, released_at) WHERE released_at IS NOT NULL`);
    await db.query(`CREATE INDEX protections_claims_today_idx ON pool.protections (holder_id, pool_id, since) WHERE source = 'claim'`);

    await db.query(`
      CREATE TABLE pool.applications (
        id uuid PRIMARY KEY,
        customer_id uuid NOT NULL REFERENCES pool.entries(customer_id),
        pool_id uuid NOT NULL,
        applicant_id uuid NOT NULL,
        scopes jsonb NOT NULL,
        reason text,
        status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected', 'recalled', 'expired')),
        approval_request_id uuid,
        reserved_until timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        closed_at timestamptz
      )`);
    await db.query(`CREATE INDEX applications_pending_customer_idx ON pool.applications (customer_id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX applications_expiry_idx ON pool.applications (reserved_until) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX applications_applicant_idx ON pool.applications (applicant_id, id DESC)`);
    await db.query(`CREATE INDEX applications_applicant_today_idx ON pool.applications (applicant_id, pool_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA pool CASCADE`);
  }
}
