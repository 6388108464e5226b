import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The funnel read model (migration 1732507500000) learns periods and finer stays:
 *
 * - Each opportunity's contribution and each completed stay carry the day it was created (company time zone)
 *   and its expected close date, so a funnel narrowed by created or close dates is summed from the read model
 *   (one narrow row per opportunity, its set of reached stages already there) instead of the rows and history.
 * - `funnel_stays.fine` subdivides each median bucket in 64 (16,384 per doubling, ~0.004 % wide) and
 *   `funnel_stay_fine (pipeline, stage, fine)` counts them for everyone: the company-wide median reads a few
 *   dozen counts and then only the stays of one fine bucket, whatever the number of stays. A scoped median reads
 *   its owners' stays in one bucket through an index that starts with the owner.
 */
export class ReportPeriodsAndFineStays1732508410000 implements MigrationInterface {
  name = 'ReportPeriodsAndFineStays1732508410000';

  async up(db: QueryRunner): Promise<void> {
    // floor(16384 y) / 64 floors to floor(256 y) exactly (× a power of two is exact in floating point): a fine
    // bucket always lies in its stay_bucket, fine ∈ [64 × bucket, 64 × bucket + 63].
    await db.query(`
      CREATE FUNCTION opportunity.stay_fine_bucket(seconds bigint) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT CASE WHEN seconds < 256 THEN greatest(seconds, 0)::integer * 64 ELSE 16384 + floor((ln(seconds::float8) / ln(2::float8) - 8) * 16384)::integer END $$`);
    await db.query(`ALTER TABLE opportunity.report_contributions ADD COLUMN created_on date, ADD COLUMN close_on date`);
    await db.query(
      `ALTER TABLE opportunity.funnel_stays ADD COLUMN created_on date, ADD COLUMN close_on date,
         ADD COLUMN fine integer GENERATED ALWAYS AS (opportunity.stay_fine_bucket(seconds)) STORED`,
    );
    await db.query(`
      CREATE TABLE opportunity.funnel_stay_fine (
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        fine integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (pipeline_id, stage_id, fine)
      )`);
    await db.query(`DROP INDEX opportunity.funnel_stays_bucket_idx`);
    await db.query(`CREATE INDEX funnel_stays_fine_idx ON opportunity.funnel_stays (pipeline_id, stage_id, fine, seconds)`);
    await db.query(`CREATE INDEX funnel_stays_owner_bucket_idx ON opportunity.funnel_stays (owner_id, pipeline_id, stage_id, bucket, seconds)`);
    await db.query(`CREATE INDEX funnel_stays_created_idx ON opportunity.funnel_stays (pipeline_id, created_on)`);
    await db.query(`CREATE INDEX funnel_stays_close_idx ON opportunity.funnel_stays (pipeline_id, close_on)`);
    await db.query(`CREATE INDEX report_contributions_owner_idx ON opportunity.report_contributions (owner_id, pipeline_id)`);
    await db.query(`CREATE INDEX report_contributions_created_idx ON opportunity.report_contributions (pipeline_id, created_on)`);
    await db.query(`CREATE INDEX report_contributions_close_idx ON opportunity.report_contributions (pipeline_id, close_on)`);
    await db.query(ADD_CONTRIBUTIONS_WITH_FINE);
    await db.query(REFRESH_WITH_PERIODS);
    await db.query(`SELECT opportunity.refresh_report_contributions(NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(ADD_CONTRIBUTIONS_WITH_FINE.replace(FINE_COUNTS, ''));
    await db.query(
      REFRESH_WITH_PERIODS.replace(', opportunity.funnel_stay_fine', '')
        .replace(', created_on, close_on)', ')')
        .replace(', created_on, close_on)', ')')
        .replace(PERIOD_COLUMNS, '')
        .replace(', c.created_on, c.close_on', '')
        .replace('\n          JOIN opportunity.report_contributions c ON c.opportunity_id = o.id', ''),
    );
    await db.query(`DROP TABLE opportunity.funnel_stay_fine`);
    await db.query(`DROP INDEX opportunity.funnel_stays_owner_bucket_idx, opportunity.report_contributions_owner_idx`);
    await db.query(`ALTER TABLE opportunity.funnel_stays DROP COLUMN created_on, DROP COLUMN close_on, DROP COLUMN fine`);
    await db.query(`ALTER TABLE opportunity.report_contributions DROP COLUMN created_on, DROP COLUMN close_on`);
    await db.query(`CREATE INDEX funnel_stays_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, seconds) INCLUDE (owner_id)`);
    await db.query(`DROP FUNCTION opportunity.stay_fine_bucket(bigint)`);
    await db.query(`SELECT opportunity.refresh_report_contributions(NULL)`);
  }
}

/** The fine counts' upsert, as later migrations find it in `ADD_CONTRIBUTIONS_WITH_FINE`. */
export const FINE_COUNTS = `
        INSERT INTO opportunity.funnel_stay_fine AS t (pipeline_id, stage_id, fine, count)
        SELECT s.pipeline_id, s.stage_id, s.fine, sign * count(*)
          FROM opportunity.funnel_stays s WHERE ids IS NULL OR s.opportunity_id = ANY(ids)
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (pipeline_id, stage_id, fine) DO UPDATE SET count = t.count + EXCLUDED.count;`;

/** The contributions function as this migration leaves it (later migrations extend it and restore it on down). */
export const ADD_CONTRIBUTIONS_WITH_FINE = `
      CREATE OR REPLACE FUNCTION opportunity.add_report_contributions(ids uuid[], sign integer) RETURNS void LANGUAGE plpgsql AS $$
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
        ON CONFLICT (pipeline_id, owner_id, stage_id, bucket) DO UPDATE SET count = t.count + EXCLUDED.count;${FINE_COUNTS}
      END $$`;

const PERIOD_COLUMNS = `,
               (o.created_at AT TIME ZONE zone)::date, o.expected_close_date`;

/** The refresh function as this migration leaves it. */
export const REFRESH_WITH_PERIODS = `
      CREATE OR REPLACE FUNCTION opportunity.refresh_report_contributions(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE zone text := (SELECT time_zone FROM opportunity.report_settings);
      BEGIN
        IF ids IS NULL THEN
          TRUNCATE opportunity.funnel_totals, opportunity.forecast_monthly, opportunity.funnel_stay_buckets, opportunity.funnel_stays,
                   opportunity.report_contributions, opportunity.funnel_stay_fine;
        ELSE
          PERFORM opportunity.add_report_contributions(ids, -1);
          DELETE FROM opportunity.report_contributions WHERE opportunity_id = ANY(ids);
          DELETE FROM opportunity.funnel_stays WHERE opportunity_id = ANY(ids);
        END IF;
        INSERT INTO opportunity.report_contributions (opportunity_id, pipeline_id, owner_id, stage_id, status, reach, amount, probability_override, month, created_on, close_on)
        SELECT o.id, o.pipeline_id, o.owner_id, o.stage_id, o.status,
               ARRAY(SELECT DISTINCT h.to_stage_id FROM opportunity.stage_changes h WHERE h.opportunity_id = o.id ORDER BY 1),
               o.amount, o.probability_override,
               CASE WHEN o.status = 'won' THEN date_trunc('month', (o.won_at AT TIME ZONE zone)::date)::date
                    WHEN o.status = 'open' THEN date_trunc('month', o.expected_close_date)::date END${PERIOD_COLUMNS}
          FROM opportunity.opportunities o WHERE ids IS NULL OR o.id = ANY(ids);
        INSERT INTO opportunity.funnel_stays (change_id, opportunity_id, pipeline_id, owner_id, stage_id, seconds, created_on, close_on)
        SELECT h.id, o.id, o.pipeline_id, o.owner_id, h.from_stage_id, h.seconds_in_previous_stage, c.created_on, c.close_on
          FROM opportunity.opportunities o JOIN opportunity.stage_changes h ON h.opportunity_id = o.id
          JOIN opportunity.report_contributions c ON c.opportunity_id = o.id
         WHERE (ids IS NULL OR o.id = ANY(ids)) AND h.seconds_in_previous_stage IS NOT NULL AND h.from_stage_id IS NOT NULL;
        PERFORM opportunity.add_report_contributions(ids, 1);
      END $$`;
