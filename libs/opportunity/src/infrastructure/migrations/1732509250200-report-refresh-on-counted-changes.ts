import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An opportunity's edit refreshes the report read model only when it changes something the reports count.
 *
 * Every saved change of an opportunity (a rename, its contacts or competitors, a reason text) used to take its
 * contribution out of the funnel and forecast counts and put it back, and so to wait for its pipeline's turn at
 * the counts (migration 1732509250100). The update trigger now compares each row with its previous version on the
 * columns the read model reads (pipeline, owner, stage, status, amount, override, won, expected close, created) and
 * refreshes only the rows where one of them changed; numbers are compared as text, so an amount re-entered with
 * another scale is counted as written, as a rebuild would.
 */
export class ReportRefreshOnCountedChanges1732509250200 implements MigrationInterface {
  name = 'ReportRefreshOnCountedChanges1732509250200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION opportunity.refresh_reports_from_opportunity_updates() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE ids uuid[] := ARRAY(
        SELECT n.id FROM changed n JOIN previous p ON p.id = n.id
         WHERE (${COUNTED('n')}) IS DISTINCT FROM (${COUNTED('p')})
         ORDER BY 1);
      BEGIN
        IF cardinality(ids) > 0 THEN
          PERFORM opportunity.refresh_report_contributions(ids);
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`DROP TRIGGER opportunities_reports_update ON opportunity.opportunities`);
    await db.query(
      `CREATE TRIGGER opportunities_reports_update AFTER UPDATE ON opportunity.opportunities REFERENCING OLD TABLE AS previous NEW TABLE AS changed
       FOR EACH STATEMENT EXECUTE FUNCTION opportunity.refresh_reports_from_opportunity_updates()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER opportunities_reports_update ON opportunity.opportunities`);
    await db.query(
      `CREATE TRIGGER opportunities_reports_update AFTER UPDATE ON opportunity.opportunities REFERENCING NEW TABLE AS changed
       FOR EACH STATEMENT EXECUTE FUNCTION opportunity.refresh_reports_from_opportunities()`,
    );
    await db.query(`DROP FUNCTION opportunity.refresh_reports_from_opportunity_updates()`);
  }
}

/** The columns the read model reads from an opportunity (numbers as written). */
const COUNTED = (row: string) =>
  `${row}.pipeline_id, ${row}.owner_id, ${row}.stage_id, ${row}.status, ${row}.amount::text, ${row}.probability_override::text, ` +
  `${row}.won_at, ${row}.expected_close_date, ${row}.created_at`;
