import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Targets [目标]: per user, team or department, per year, quarter or month, per metric. The metric
 * is open text (won amount and new customers today; collected amount once payments exist), checked by
 * the application, so adding one needs no migration. One target per subject, period and metric.
 */
export class Targets1732502200000 implements MigrationInterface {
  name = 'Targets1732502200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.targets (
        id uuid PRIMARY KEY,
        subject_type text NOT NULL CHECK (subject_type IN ('user', 'team', 'department')),
        subject_id uuid NOT NULL,
        period text NOT NULL,
        metric text NOT NULL,
        value numeric(18, 2) NOT NULL CHECK (value >= 0),
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version integer NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX targets_subject_key ON opportunity.targets (subject_type, subject_id, period, metric)`);
    // Achievement by customer: the first won opportunity of each customer.
    await db.query(`CREATE INDEX opportunities_customer_won_idx ON opportunity.opportunities (customer_id, won_at, id) WHERE status = 'won'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX opportunity.opportunities_customer_won_idx`);
    await db.query(`DROP TABLE opportunity.targets`);
  }
}
