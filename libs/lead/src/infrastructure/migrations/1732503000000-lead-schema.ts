import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The top-level pool every installation starts with: marketing's master pool [市场部线索总池]. */
const MASTER_POOL_ID = '00000000-0000-7000-8000-0000000000b1';

const GRANTS: Record<string, string[]> = {
  admin: ['lead:read', 'lead:create', 'lead:update', 'lead:manage'],
  marketing: ['lead:read', 'lead:create', 'lead:update', 'lead:manage'],
  'sales-manager': ['lead:read', 'lead:update'],
  'sales-rep': ['lead:read', 'lead:update'],
};

/**
 * Leads [线索] in nested pools [线索池], their activities and the pools they passed through, the
 * scoring rules [评分规则], and each lead's 5W2H history; the default roles get the lead permissions.
 */
export class LeadSchema1732503000000 implements MigrationInterface {
  name = 'LeadSchema1732503000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SCHEMA IF NOT EXISTS lead`);
    await db.query(`
      CREATE TABLE lead.pools (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        parent_id uuid REFERENCES lead.pools(id),
        path uuid[] NOT NULL,
        depth integer NOT NULL CHECK (depth = cardinality(path)),
        max_depth integer CHECK ((parent_id IS NULL) = (max_depth IS NOT NULL)),
        member_ids uuid[] NOT NULL DEFAULT '{}',
        admin_ids uuid[] NOT NULL DEFAULT '{}',
        rules jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1
      )`);
    await db.query(`CREATE UNIQUE INDEX pools_sibling_name_key ON lead.pools (parent_id, name) NULLS NOT DISTINCT`);
    // Whose pools: the caller's reach is read on every lead request.
    await db.query(`CREATE INDEX pools_members_idx ON lead.pools USING gin (member_ids)`);
    await db.query(`CREATE INDEX pools_admins_idx ON lead.pools USING gin (admin_ids)`);
    await db.query(`CREATE INDEX pools_path_idx ON lead.pools USING gin (path)`);
    await db.query(`INSERT INTO lead.pools (id, name, path, depth, max_depth, rules) VALUES ($1, '市场部线索总池', ARRAY[$1::uuid], 1, 3, $2)`, [
      MASTER_POOL_ID,
      JSON.stringify({ assignmentStrategy: 'manual', recycleAfterDays: null, recycleTo: 'parent', maxClaimsPerDay: null, maxHeld: null }),
    ]);

    await db.query(`
      CREATE TABLE lead.leads (
        id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('open', 'converted', 'closed')),
        person_name text,
        mobile text,
        mobile_key text,
        email text,
        email_key text,
        company_name text,
        company_key text,
        title text,
        province text,
        city text,
        industry text,
        channel text,
        campaign text,
        utm_source text,
        utm_medium text,
        utm_campaign text,
        notes text,
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        pool_path uuid[] NOT NULL,
        owner_id uuid,
        assigned_at timestamptz,
        last_worked_at timestamptz,
        last_call_outcome text,
        last_call_at timestamptz,
        matched_customer_id uuid,
        converted_customer_id uuid,
        converted_contact_id uuid,
        converted_opportunity_id uuid,
        converted_at timestamptz,
        closed_at timestamptz,
        closed_reason text,
        score integer NOT NULL DEFAULT 0,
        grade text NOT NULL,
        score_contributions jsonb NOT NULL DEFAULT '[]',
        tags text[] NOT NULL DEFAULT '{}',
        rules_version integer NOT NULL DEFAULT 0,
        scored_at timestamptz,
        next_rescore_at timestamptz,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL DEFAULT 1,
        CHECK (mobile_key IS NOT NULL OR email_key IS NOT NULL OR company_key IS NOT NULL)
      )`);
    // One open lead per person: racing duplicate submissions resolve to one row (LEAD-2).
    await db.query(`CREATE UNIQUE INDEX leads_open_mobile_key ON lead.leads (mobile_key) WHERE status = 'open' AND mobile_key IS NOT NULL`);
    await db.query(`CREATE UNIQUE INDEX leads_open_email_key ON lead.leads (email_key) WHERE status = 'open' AND email_key IS NOT NULL`);
    await db.query(
      `CREATE UNIQUE INDEX leads_open_company_only_key ON lead.leads (company_key)
        WHERE status = 'open' AND mobile_key IS NULL AND email_key IS NULL`,
    );
    await db.query(`CREATE INDEX leads_open_company_idx ON lead.leads (company_key, id) WHERE status = 'open'`);
    // Data scope: a pool's members see its subtree; owners their own (keyset lists by id).
    await db.query(`CREATE INDEX leads_pool_path_idx ON lead.leads USING gin (pool_path)`);
    await db.query(`CREATE INDEX leads_pool_idx ON lead.leads (pool_id, id DESC)`);
    await db.query(`CREATE INDEX leads_owner_idx ON lead.leads (owner_id, id DESC) WHERE owner_id IS NOT NULL`);
    // Re-scoring: windows that expire (the scheduled job) and leads scored with older rules (a rule change).
    await db.query(`CREATE INDEX leads_rescore_due_idx ON lead.leads (next_rescore_at) WHERE status = 'open' AND next_rescore_at IS NOT NULL`);
    await db.query(`CREATE INDEX leads_rules_version_idx ON lead.leads (rules_version, id) WHERE status = 'open'`);

    await db.query(`
      CREATE TABLE lead.activities (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES lead.leads(id),
        kind text NOT NULL,
        occurred_at timestamptz NOT NULL,
        outcome text,
        channel text,
        campaign text,
        detail jsonb NOT NULL DEFAULT '{}',
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX activities_lead_idx ON lead.activities (lead_id, occurred_at DESC)`);

    // The pools a lead passed through: conversions and claims will record the stay they happened in.
    await db.query(`
      CREATE TABLE lead.pool_stays (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES lead.leads(id),
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        pool_path uuid[] NOT NULL,
        entered_at timestamptz NOT NULL,
        entered_by text NOT NULL,
        reason text,
        left_at timestamptz
      )`);
    await db.query(`CREATE INDEX pool_stays_lead_idx ON lead.pool_stays (lead_id, entered_at)`);
    await db.query(`CREATE UNIQUE INDEX pool_stays_current_key ON lead.pool_stays (lead_id) WHERE left_at IS NULL`);

    await db.query(`
      CREATE TABLE lead.scoring_rules (
        id smallint PRIMARY KEY CHECK (id = 1),
        rules jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text
      )`);
    await db.query(`INSERT INTO lead.scoring_rules (id, rules) VALUES (1, $1)`, [
      JSON.stringify({
        rules: [],
        grades: [
          { grade: 'A', minScore: 80 },
          { grade: 'B', minScore: 50 },
          { grade: 'C', minScore: 20 },
        ],
        defaultGrade: 'D',
      }),
    ]);

    // 5W2H history [线索日志], projected from the lead's own events in their transaction.
    await db.query(`
      CREATE TABLE lead.history (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        lead_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id text,
        what text NOT NULL,
        pool_id uuid,
        channel text,
        why text,
        how text,
        score_change integer,
        detail jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(`CREATE INDEX history_lead_idx ON lead.history (lead_id, seq)`);

    for (const [role, permissions] of Object.entries(GRANTS)) {
      await db.query(
        `UPDATE identity.roles
            SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || $2::text[]) AS p ORDER BY p),
                version = version + 1, updated_at = now()
          WHERE key = $1`,
        [role, permissions],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = ARRAY(SELECT p FROM unnest(permissions) AS p WHERE p NOT LIKE 'lead:%' ORDER BY p)`);
    await db.query(`DROP SCHEMA lead CASCADE`);
  }
}
