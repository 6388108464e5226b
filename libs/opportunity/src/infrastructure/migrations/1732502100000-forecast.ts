import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Forecast [销售预测]: managers' adjustments as records of their own (the raw figure is always
 * computed from the opportunities, so both survive), and weekly snapshots per owner, period and
 * category, one per week (the primary key makes taking one twice a no-op), for forecast accuracy.
 */
export class Forecast1732502100000 implements MigrationInterface {
  name = 'Forecast1732502100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.forecast_adjustments (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL,
        period text NOT NULL,
        category text NOT NULL CHECK (category IN ('pipeline', 'best-case', 'commit', 'closed-won')),
        amount numeric(18, 2) NOT NULL CHECK (amount >= 0),
        reason text NOT NULL,
        adjusted_by uuid NOT NULL,
        adjusted_at timestamptz NOT NULL
      )`);
    // The forecast reads the latest adjustment per owner, period and category.
    await db.query(`CREATE INDEX forecast_adjustments_owner_idx ON opportunity.forecast_adjustments (owner_id, period, category, adjusted_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE opportunity.forecast_snapshots (
        week_start date NOT NULL,
        owner_id uuid NOT NULL,
        period text NOT NULL,
        category text NOT NULL CHECK (category IN ('pipeline', 'best-case', 'commit', 'closed-won')),
        amount numeric(18, 2) NOT NULL,
        weighted_amount numeric(18, 2) NOT NULL,
        adjusted_amount numeric(18, 2) NOT NULL,
        taken_at timestamptz NOT NULL,
        PRIMARY KEY (week_start, owner_id, period, category)
      )`);
    // One row per week taken: the snapshot's idempotency (a second run that week finds it and does nothing).
    await db.query(`CREATE TABLE opportunity.forecast_snapshot_weeks (week_start date PRIMARY KEY, taken_at timestamptz NOT NULL, taken_by text NOT NULL)`);
    await db.query(`CREATE INDEX forecast_snapshots_period_idx ON opportunity.forecast_snapshots (period, owner_id, week_start)`);
    await db.query(
      `UPDATE identity.roles
          SET permissions = ARRAY(SELECT DISTINCT p FROM unnest(permissions || '{opportunity:snapshot-forecasts}'::text[]) AS p ORDER BY p), updated_at = now()
        WHERE key = 'admin'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`UPDATE identity.roles SET permissions = array_remove(permissions, 'opportunity:snapshot-forecasts')`);
    await db.query(`DROP TABLE opportunity.forecast_snapshot_weeks`);
    await db.query(`DROP TABLE opportunity.forecast_snapshots`);
    await db.query(`DROP TABLE opportunity.forecast_adjustments`);
  }
}
