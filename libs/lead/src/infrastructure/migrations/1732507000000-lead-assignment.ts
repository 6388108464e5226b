import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignment [线索分配]: every ownership change of a lead with how and why (automatic by the
 * pool's rules, manual, claimed, recycled), the pools' persisted round-robin cursors, and the
 * indexes that count a person's open leads in a pool and find leads due for recycling.
 */
export class LeadAssignment1732507000000 implements MigrationInterface {
  name = 'LeadAssignment1732507000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE lead.assignments (
        id uuid PRIMARY KEY,
        lead_id uuid NOT NULL REFERENCES lead.leads(id),
        how text NOT NULL CHECK (how IN ('auto', 'manual', 'claim', 'recycle')),
        pool_id uuid NOT NULL REFERENCES lead.pools(id),
        pool_path uuid[] NOT NULL,
        owner_id uuid,
        previous_owner_id uuid,
        rule_id text,
        strategy text,
        detail jsonb NOT NULL DEFAULT '{}',
        assigned_by text NOT NULL,
        at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX assignments_lead_idx ON lead.assignments (lead_id, at)`);
    // Claims per person and pool per day [每日领取上限].
    await db.query(`CREATE INDEX assignments_claims_idx ON lead.assignments (pool_id, owner_id, at) WHERE how = 'claim'`);
    // One row per pool: locked by every automatic assignment and claim in it, so cursors and loads are exact.
    await db.query(`
      CREATE TABLE lead.assignment_cursors (
        pool_id uuid PRIMARY KEY REFERENCES lead.pools(id),
        cursors jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A person's open leads in a pool (capacity, least-busy) and owned leads due for recycling.
    await db.query(`CREATE INDEX leads_open_pool_owner_idx ON lead.leads (pool_id, owner_id) WHERE status = 'open' AND owner_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX lead.leads_open_pool_owner_idx`);
    await db.query(`DROP TABLE lead.assignment_cursors`);
    await db.query(`DROP TABLE lead.assignments`);
  }
}
