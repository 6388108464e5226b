import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The read model behind the funnel [销售漏斗] and the forecast [销售预测] (ADR 0002: kept in the transaction of
 * the change). Triggers on opportunities and their stage history refresh the contribution of every opportunity
 * a statement touched, whoever wrote it (repository, pipeline edit, import): the contribution last counted is
 * kept per opportunity (`report_contributions`), taken out and replaced by the one computed from the rows now.
 * Keyed by what a report filters or joins on, never by what a pipeline edit changes (positions, probabilities,
 * categories are read from the stages at report time), so re-weighting or reordering stages leaves it right.
 *
 * - `funnel_totals` (pipeline, owner, current stage, status, reach = the set of stages the history entered):
 *   count, amount, amount without an owner's override (× the stage's probability at report time), Σ amount × override.
 * - `funnel_stays`: one row per completed stay (stage left, seconds, log bucket); `funnel_stay_buckets` counts
 *   them per (pipeline, owner, stage, bucket): a median is located in the counts and read in one bucket.
 * - `forecast_monthly` (owner, current stage, status, month of expected close, or of winning in the company's
 *   time zone, kept in `report_settings` and aligned with `CRM_TIMEZONE` at start-up): count, amounts as above.
 */
export class ReportReadModel1732507500000 implements MigrationInterface {
  name = 'ReportReadModel1732507500000';

  async up(db: QueryRunner): Promise<void> {
    // Log buckets of a stay's seconds, 256 per doubling above 256 s (each 0.3 % wide, some 6,000 over a year): monotonic,
    // so a rank is located by bucket counts and only that bucket's stays are read.
    await db.query(`
      CREATE FUNCTION opportunity.stay_bucket(seconds bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN seconds < 256 THEN greatest(seconds, 0)::integer ELSE 256 + floor((ln(seconds::float8) / ln(2::float8) - 8) * 256)::integer END $$`);
    await db.query(`CREATE TABLE opportunity.report_settings (id boolean PRIMARY KEY DEFAULT true CHECK (id), time_zone text NOT NULL)`);
    await db.query(`INSERT INTO opportunity.report_settings (time_zone) VALUES ($1)`, [process.env.CRM_TIMEZONE || 'Asia/Shanghai']);
    await db.query(`
      CREATE TABLE opportunity.report_contributions (
        opportunity_id uuid PRIMARY KEY,
        pipeline_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        status text NOT NULL,
        reach uuid[] NOT NULL,
        amount numeric(18, 2),
        probability_override integer,
        month date
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_totals (
        pipeline_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        status text NOT NULL,
        reach uuid[] NOT NULL,
        count integer NOT NULL,
        amount numeric NOT NULL,
        plain_amount numeric NOT NULL,
        override_weighted numeric NOT NULL,
        PRIMARY KEY (pipeline_id, owner_id, stage_id, status, reach)
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_stay_buckets (
        pipeline_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        bucket integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (pipeline_id, owner_id, stage_id, bucket)
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_stays (
        change_id uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL,
        pipeline_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        seconds bigint NOT NULL,
        bucket integer GENERATED ALWAYS AS (opportunity.stay_bucket(seconds)) STORED
      )`);
    await db.query(`CREATE INDEX funnel_stays_opportunity_idx ON opportunity.funnel_stays (opportunity_id)`);
    await db.query(`CREATE INDEX funnel_stays_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, seconds) INCLUDE (owner_id)`);
    await db.query(`
      CREATE TABLE opportunity.forecast_monthly (
        owner_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        status text NOT NULL,
        month date NOT NULL,
        count integer NOT NULL,
        amount numeric NOT NULL,
        plain_amount numeric NOT NULL,
        override_weighted numeric NOT NULL,
        PRIMARY KEY (owner_id, stage_id, status, month)
      )`);
    await db.query(`CREATE INDEX forecast_monthly_month_idx ON opportunity.forecast_monthly (month)`);

    // Contributions in (sign 1) or out (sign -1) of the aggregates; rows are upserted in key order.
    await db.query(`
      CREATE FUNCTION opportunity.add_report_contributions(ids uuid[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO opportunity.funnel_totals AS t (pipeline_id, owner_id, stage_id, status, reach, count, amount, plain_amount, override_weighted)
        SELECT c.pipeline_id, c.owner_id, c.stage_id, c.status, c.reach, sign * count(*), sign * coalesce(sum(c.amount), 0),
               sign * coalesce(sum(c.amount) FILTER (WHERE c.probability_override IS NULL), 0), sign * coalesce(sum(c.amount * c.probability_override), 0)
          FROM opportunity.report_contributions c WHERE ids IS NULL OR c.opportunity_id = ANY(ids)
         GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (pipeline_id, owner_id, stage_id, status, reach) DO UPDATE
           SET count = t.count + EXCLUDED.count, amount = t.amount + EXCLUDED.amount,
               plain_amount = t.plain_amount + EXCLUDED.plain_amount, override_weighted = t.override_weighted + EXCLUDED.override_weighted;
        INSERT INTO opportunity.forecast_monthly AS t (owner_id, stage_id, status, month, count, amount, plain_amount, override_weighted)
        SELECT c.owner_id, c.stage_id, c.status, c.month, sign * count(*), sign * coalesce(sum(c.amount), 0),
               sign * coalesce(sum(c.amount) FILTER (WHERE c.probability_override IS NULL), 0), sign * coalesce(sum(c.amount * c.probability_override), 0)
          FROM opportunity.report_contributions c WHERE (ids IS NULL OR c.opportunity_id = ANY(ids)) AND c.month IS NOT NULL
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (owner_id, stage_id, status, month) DO UPDATE
           SET count = t.count + EXCLUDED.count, amount = t.amount + EXCLUDED.amount,
               plain_amount = t.plain_amount + EXCLUDED.plain_amount, override_weighted = t.override_weighted + EXCLUDED.override_weighted;
        INSERT INTO opportunity.funnel_stay_buckets AS t (pipeline_id, owner_id, stage_id, bucket, count)
        SELECT s.pipeline_id, s.owner_id, s.stage_id, s.bucket, sign * count(*)
          FROM opportunity.funnel_stays s WHERE ids IS NULL OR s.opportunity_id = ANY(ids)
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (pipeline_id, owner_id, stage_id, bucket) DO UPDATE SET count = t.count + EXCLUDED.count;
      END $$`);
    // The refresh: out with what was counted, in with what the rows say now (NULL ids: everything, for a rebuild).
    await db.query(`
      CREATE FUNCTION opportunity.refresh_report_contributions(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE zone text := (SELECT time_zone FROM opportunity.report_settings);
      BEGIN
        IF ids IS NULL THEN
          TRUNCATE opportunity.funnel_totals, opportunity.forecast_monthly, opportunity.funnel_stay_buckets, opportunity.funnel_stays,
                   opportunity.report_contributions;
        ELSE
          PERFORM opportunity.add_report_contributions(ids, -1);
          DELETE FROM opportunity.report_contributions WHERE opportunity_id = ANY(ids);
          DELETE FROM opportunity.funnel_stays WHERE opportunity_id = ANY(ids);
        END IF;
        INSERT INTO opportunity.report_contributions (opportunity_id, pipeline_id, owner_id, stage_id, status, reach, amount, probability_override, month)
        SELECT o.id, o.pipeline_id, o.owner_id, o.stage_id, o.status,
               ARRAY(SELECT DISTINCT h.to_stage_id FROM opportunity.stage_changes h WHERE h.opportunity_id = o.id ORDER BY 1),
               o.amount, o.probability_override,
               CASE WHEN o.status = 'won' THEN date_trunc('month', (o.won_at AT TIME ZONE zone)::date)::date
                    WHEN o.status = 'open' THEN date_trunc('month', o.expected_close_date)::date END
          FROM opportunity.opportunities o WHERE ids IS NULL OR o.id = ANY(ids);
        INSERT INTO opportunity.funnel_stays (change_id, opportunity_id, pipeline_id, owner_id, stage_id, seconds)
        SELECT h.id, o.id, o.pipeline_id, o.owner_id, h.from_stage_id, h.seconds_in_previous_stage
          FROM opportunity.opportunities o JOIN opportunity.stage_changes h ON h.opportunity_id = o.id
         WHERE (ids IS NULL OR o.id = ANY(ids)) AND h.seconds_in_previous_stage IS NOT NULL AND h.from_stage_id IS NOT NULL;
        PERFORM opportunity.add_report_contributions(ids, 1);
      END $$`);
    await db.query(`
      CREATE FUNCTION opportunity.refresh_reports_from_opportunities() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM opportunity.refresh_report_contributions(ARRAY(SELECT id FROM gone ORDER BY id));
        ELSE
          PERFORM opportunity.refresh_report_contributions(ARRAY(SELECT id FROM changed ORDER BY id));
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION opportunity.refresh_reports_from_history() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM opportunity.refresh_report_contributions(ARRAY(SELECT DISTINCT opportunity_id FROM gone ORDER BY 1));
        ELSE
          PERFORM opportunity.refresh_report_contributions(ARRAY(SELECT DISTINCT opportunity_id FROM changed ORDER BY 1));
        END IF;
        RETURN NULL;
      END $$`);
    for (const [table, fn] of [
      ['opportunities', 'refresh_reports_from_opportunities'],
      ['stage_changes', 'refresh_reports_from_history'],
    ] as const) {
      await db.query(
        `CREATE TRIGGER ${table}_reports_insert AFTER INSERT ON opportunity.${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION opportunity.${fn}()`,
      );
      await db.query(
        `CREATE TRIGGER ${table}_reports_update AFTER UPDATE ON opportunity.${table} REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION opportunity.${fn}()`,
      );
      await db.query(
        `CREATE TRIGGER ${table}_reports_delete AFTER DELETE ON opportunity.${table} REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION opportunity.${fn}()`,
      );
    }
    await db.query(`SELECT opportunity.refresh_report_contributions(NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['opportunities', 'stage_changes']) {
      for (const event of ['insert', 'update', 'delete']) await db.query(`DROP TRIGGER ${table}_reports_${event} ON opportunity.${table}`);
    }
    await db.query(`DROP FUNCTION opportunity.refresh_reports_from_opportunities(), opportunity.refresh_reports_from_history()`);
    await db.query(`DROP FUNCTION opportunity.refresh_report_contributions(uuid[]), opportunity.add_report_contributions(uuid[], integer)`);
    await db.query(
      `DROP TABLE opportunity.funnel_totals, opportunity.funnel_stay_buckets, opportunity.funnel_stays, opportunity.forecast_monthly,
                  opportunity.report_contributions, opportunity.report_settings`,
    );
    await db.query(`DROP FUNCTION opportunity.stay_bucket(bigint)`);
  }
}
