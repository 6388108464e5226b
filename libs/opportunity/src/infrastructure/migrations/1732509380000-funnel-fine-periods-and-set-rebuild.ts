import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS } from './1732509100000-funnel-period-buckets.js';
import { PIPELINE_LOCKS, REFRESH_WITH_PIPELINE_LOCKS } from './1732509250100-report-locks-per-pipeline.js';

/**
 * The funnel's remaining costs that followed the data, and a set-based full rebuild.
 *
 * - `funnel_pipeline_stay_buckets (pipeline, stage, bucket)`: completed stays per median bucket for everyone. Everyone's
 *   funnel summed the per-owner bucket counts (owners × stages × buckets rows, some 66,000 at 200 owners); it reads a
 *   few hundred rows now.
 * - `funnel_period_fine (pipeline, kind, stage, bucket, month, fine bucket)`: completed stays per fine bucket (64 per
 *   median bucket) and calendar month of the created day or of the expected close date. Everyone's median over a period read
 *   every stay of the period in one median bucket (thousands at 1M opportunities); it now narrows the bucket to one fine
 *   bucket with the month counts of the period's whole months (and the stays of its partial months at the edges, read
 *   through the index below), then reads the period's stays of that fine bucket only.
 * - `funnel_stays (pipeline, stage, fine, created_on | close_on) INCLUDE (seconds)` replace the indexes by bucket and
 *   day: a bucket is 64 consecutive fine buckets, so they answer both.
 * - `funnel_owner_period_totals (pipeline, owner, kind, month, current stage, status, reach)`: the counts of
 *   `funnel_period_totals` per owner, by month only. A scoped funnel over a period of one of the two dates sums its
 *   owners' rows of the whole months and their contributions of the days at the edges, not every contribution in it.
 * - Scoped funnels over a period read their owners' contributions (edge days, both dates) and stays of the period only:
 *   `report_contributions (owner, pipeline, created_on | close_on)` and `funnel_stays (owner, pipeline, created_on |
 *   close_on) INCLUDE (stage, seconds)` (the contributions' index by owner and pipeline is the first of them now).
 * - The full rebuild (`refresh_report_contributions(NULL)`: migrations, a change of `CRM_TIMEZONE`) is set-based: the
 *   stages each opportunity reached are aggregated from the history in one pass (no subquery per opportunity), the
 *   secondary indexes of the rebuilt tables are dropped and made again after the rows are in (the rows go in in
 *   primary-key order), and the rebuild gets memory for its sorts, hashes and index builds and scans whole tables instead
 *   of reading them through an index (settings restored afterwards). A refresh of some opportunities
 *   is unchanged, its per-pipeline locks (migration 1732509250100) included.
 */
export class FunnelFinePeriodsAndSetRebuild1732509380000 implements MigrationInterface {
  name = 'FunnelFinePeriodsAndSetRebuild1732509380000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.funnel_pipeline_stay_buckets (
        pipeline_id uuid NOT NULL,
        stage_id uuid NOT NULL,
        bucket integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (pipeline_id, stage_id, bucket)
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_period_fine (
        pipeline_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'close')),
        stage_id uuid NOT NULL,
        bucket integer NOT NULL,
        start date NOT NULL,
        fine integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (pipeline_id, kind, stage_id, bucket, start, fine)
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_owner_period_totals (
        pipeline_id uuid NOT NULL,
        owner_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'close')),
        start date NOT NULL,
        stage_id uuid NOT NULL,
        status text NOT NULL,
        reach uuid[] NOT NULL,
        count integer NOT NULL,
        amount numeric NOT NULL,
        plain_amount numeric NOT NULL,
        override_weighted numeric NOT NULL,
        PRIMARY KEY (pipeline_id, owner_id, kind, start, stage_id, status, reach)
      )`);
    await db.query(`DROP INDEX opportunity.funnel_stays_created_bucket_idx, opportunity.funnel_stays_close_bucket_idx`);
    await db.query(`CREATE INDEX funnel_stays_created_fine_idx ON opportunity.funnel_stays (pipeline_id, stage_id, fine, created_on) INCLUDE (seconds)`);
    await db.query(`CREATE INDEX funnel_stays_close_fine_idx ON opportunity.funnel_stays (pipeline_id, stage_id, fine, close_on) INCLUDE (seconds)`);
    await db.query(`CREATE INDEX funnel_stays_owner_created_idx ON opportunity.funnel_stays (owner_id, pipeline_id, created_on) INCLUDE (stage_id, seconds)`);
    await db.query(`CREATE INDEX funnel_stays_owner_close_idx ON opportunity.funnel_stays (owner_id, pipeline_id, close_on) INCLUDE (stage_id, seconds)`);
    await db.query(`DROP INDEX opportunity.report_contributions_owner_idx`);
    await db.query(`CREATE INDEX report_contributions_owner_created_idx ON opportunity.report_contributions (owner_id, pipeline_id, created_on)`);
    await db.query(`CREATE INDEX report_contributions_owner_close_idx ON opportunity.report_contributions (owner_id, pipeline_id, close_on)`);
    await db.query(ADD_CONTRIBUTIONS_WITH_FINE_PERIODS);
    await db.query(REFRESH_SET_BASED);
    // Filled from the stays already there (no rebuild needed).
    await db.query(`DO $$ DECLARE ids uuid[] := NULL; sign integer := 1; BEGIN ${NEW_COUNTS} END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS);
    await db.query(REFRESH_WITH_PIPELINE_LOCKS);
    await db.query(
      `DROP INDEX opportunity.funnel_stays_created_fine_idx, opportunity.funnel_stays_close_fine_idx, opportunity.funnel_stays_owner_created_idx,
                  opportunity.funnel_stays_owner_close_idx, opportunity.report_contributions_owner_created_idx, opportunity.report_contributions_owner_close_idx`,
    );
    await db.query(`CREATE INDEX report_contributions_owner_idx ON opportunity.report_contributions (owner_id, pipeline_id)`);
    await db.query(`CREATE INDEX funnel_stays_created_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, created_on) INCLUDE (seconds)`);
    await db.query(`CREATE INDEX funnel_stays_close_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, close_on) INCLUDE (seconds)`);
    await db.query(`DROP TABLE opportunity.funnel_pipeline_stay_buckets, opportunity.funnel_period_fine, opportunity.funnel_owner_period_totals`);
  }
}

/**
 * Stays per bucket for everyone, per fine bucket and month of each date; contributions per owner and month of each
 * date. Upserted in key order.
 */
const NEW_COUNTS = `
        INSERT INTO opportunity.funnel_owner_period_totals AS t (pipeline_id, owner_id, kind, start, stage_id, status, reach, count, amount, plain_amount,
                                                                 override_weighted)
        SELECT c.pipeline_id, c.owner_id, p.kind, p.start, c.stage_id, c.status, c.reach, sign * count(*), sign * coalesce(sum(c.amount), 0),
               sign * coalesce(sum(c.amount) FILTER (WHERE c.probability_override IS NULL), 0), sign * coalesce(sum(c.amount * c.probability_override), 0)
          FROM opportunity.report_contributions c
         CROSS JOIN LATERAL (VALUES ('created', date_trunc('month', c.created_on)::date), ('close', date_trunc('month', c.close_on)::date)) AS p (kind, start)
         WHERE (ids IS NULL OR c.opportunity_id = ANY(ids)) AND p.start IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (pipeline_id, owner_id, kind, start, stage_id, status, reach) DO UPDATE
           SET count = t.count + EXCLUDED.count, amount = t.amount + EXCLUDED.amount,
               plain_amount = t.plain_amount + EXCLUDED.plain_amount, override_weighted = t.override_weighted + EXCLUDED.override_weighted;
        INSERT INTO opportunity.funnel_pipeline_stay_buckets AS t (pipeline_id, stage_id, bucket, count)
        SELECT s.pipeline_id, s.stage_id, s.bucket, sign * count(*)
          FROM opportunity.funnel_stays s WHERE ids IS NULL OR s.opportunity_id = ANY(ids)
         GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (pipeline_id, stage_id, bucket) DO UPDATE SET count = t.count + EXCLUDED.count;
        INSERT INTO opportunity.funnel_period_fine AS t (pipeline_id, kind, stage_id, bucket, start, fine, count)
        SELECT s.pipeline_id, p.kind, s.stage_id, s.bucket, p.start, s.fine, sign * count(*)
          FROM opportunity.funnel_stays s
         CROSS JOIN LATERAL (VALUES ('created', date_trunc('month', s.created_on)::date), ('close', date_trunc('month', s.close_on)::date)) AS p (kind, start)
         WHERE (ids IS NULL OR s.opportunity_id = ANY(ids)) AND p.start IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (pipeline_id, kind, stage_id, bucket, start, fine) DO UPDATE SET count = t.count + EXCLUDED.count;`;

const LAST_COUNTS = 'ON CONFLICT (pipeline_id, kind, grain, start, stage_id, bucket) DO UPDATE SET count = t.count + EXCLUDED.count;';

const ADD_CONTRIBUTIONS_WITH_FINE_PERIODS = ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS.replace(LAST_COUNTS, LAST_COUNTS + NEW_COUNTS);

/** What the rebuild empties. */
const READ_MODEL = [
  'funnel_totals',
  'forecast_monthly',
  'funnel_stay_buckets',
  'funnel_stays',
  'report_contributions',
  'funnel_stay_fine',
  'funnel_period_totals',
  'funnel_period_stays',
  'funnel_pipeline_stay_buckets',
  'funnel_period_fine',
  'funnel_owner_period_totals',
].map((table) => `opportunity.${table}`);

/**
 * The refresh. Some ids: as before (per-pipeline locks in key order, out with what was counted, in with what the rows
 * say now). NULL: the whole read model, set-based.
 */
const REFRESH_SET_BASED = `
      CREATE OR REPLACE FUNCTION opportunity.refresh_report_contributions(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE zone text := (SELECT time_zone FROM opportunity.report_settings);
      lock_key integer;
      definitions text[];
      definition text;
      settings text[];
      names text;
      BEGIN
        IF ids IS NULL THEN
          -- Memory for the rebuild's sorts, hashes and index builds, and whole-table reads (random reads through an index
          -- over millions of rows cost more than a scan and a sort); the transaction's settings are restored at the end.
          settings := ARRAY[current_setting('work_mem'), current_setting('maintenance_work_mem'), current_setting('enable_indexscan'),
                            current_setting('enable_bitmapscan')];
          PERFORM set_config('work_mem', '512MB', true), set_config('maintenance_work_mem', '512MB', true),
                  set_config('enable_indexscan', 'off', true), set_config('enable_bitmapscan', 'off', true);
          TRUNCATE ${READ_MODEL.join(', ')};
          -- The indexes of the two large tables that back no constraint are made again once their rows are in.
          SELECT array_agg(pg_get_indexdef(i.indexrelid)), string_agg(i.indexrelid::regclass::text, ', ') INTO definitions, names
            FROM pg_index i
           WHERE i.indrelid IN ('opportunity.funnel_stays'::regclass, 'opportunity.report_contributions'::regclass)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
          IF names IS NOT NULL THEN
            EXECUTE 'DROP INDEX ' || names;
          END IF;
          INSERT INTO opportunity.report_contributions (opportunity_id, pipeline_id, owner_id, stage_id, status, reach, amount, probability_override, month, created_on, close_on)
          SELECT o.id, o.pipeline_id, o.owner_id, o.stage_id, o.status, coalesce(r.reach, '{}'), o.amount, o.probability_override,
                 CASE WHEN o.status = 'won' THEN date_trunc('month', (o.won_at AT TIME ZONE zone)::date)::date
                      WHEN o.status = 'open' THEN date_trunc('month', o.expected_close_date)::date END,
                 (o.created_at AT TIME ZONE zone)::date, o.expected_close_date
            FROM opportunity.opportunities o
            LEFT JOIN (SELECT h.opportunity_id, array_agg(DISTINCT h.to_stage_id ORDER BY h.to_stage_id) AS reach
                         FROM opportunity.stage_changes h GROUP BY h.opportunity_id) r ON r.opportunity_id = o.id
           ORDER BY o.id;
          INSERT INTO opportunity.funnel_stays (change_id, opportunity_id, pipeline_id, owner_id, stage_id, seconds, created_on, close_on)
          SELECT h.id, c.opportunity_id, c.pipeline_id, c.owner_id, h.from_stage_id, h.seconds_in_previous_stage, c.created_on, c.close_on
            FROM opportunity.stage_changes h JOIN opportunity.report_contributions c ON c.opportunity_id = h.opportunity_id
           WHERE h.seconds_in_previous_stage IS NOT NULL AND h.from_stage_id IS NOT NULL
           ORDER BY h.id;
          FOREACH definition IN ARRAY coalesce(definitions, '{}') LOOP
            EXECUTE definition;
          END LOOP;
          ANALYZE opportunity.report_contributions, opportunity.funnel_stays;
          PERFORM opportunity.add_report_contributions(NULL, 1);
          PERFORM set_config('work_mem', settings[1], true), set_config('maintenance_work_mem', settings[2], true),
                  set_config('enable_indexscan', settings[3], true), set_config('enable_bitmapscan', settings[4], true);
          RETURN;
        END IF;
        ${PIPELINE_LOCKS}
        PERFORM opportunity.add_report_contributions(ids, -1);
        DELETE FROM opportunity.report_contributions WHERE opportunity_id = ANY(ids);
        DELETE FROM opportunity.funnel_stays WHERE opportunity_id = ANY(ids);
        INSERT INTO opportunity.report_contributions (opportunity_id, pipeline_id, owner_id, stage_id, status, reach, amount, probability_override, month, created_on, close_on)
        SELECT o.id, o.pipeline_id, o.owner_id, o.stage_id, o.status,
               ARRAY(SELECT DISTINCT h.to_stage_id FROM opportunity.stage_changes h WHERE h.opportunity_id = o.id ORDER BY 1),
               o.amount, o.probability_override,
               CASE WHEN o.status = 'won' THEN date_trunc('month', (o.won_at AT TIME ZONE zone)::date)::date
                    WHEN o.status = 'open' THEN date_trunc('month', o.expected_close_date)::date END,
               (o.created_at AT TIME ZONE zone)::date, o.expected_close_date
          FROM opportunity.opportunities o WHERE o.id = ANY(ids);
        INSERT INTO opportunity.funnel_stays (change_id, opportunity_id, pipeline_id, owner_id, stage_id, seconds, created_on, close_on)
        SELECT h.id, o.id, o.pipeline_id, o.owner_id, h.from_stage_id, h.seconds_in_previous_stage, c.created_on, c.close_on
          FROM opportunity.opportunities o JOIN opportunity.stage_changes h ON h.opportunity_id = o.id
          JOIN opportunity.report_contributions c ON c.opportunity_id = o.id
         WHERE o.id = ANY(ids) AND h.seconds_in_previous_stage IS NOT NULL AND h.from_stage_id IS NOT NULL;
        PERFORM opportunity.add_report_contributions(ids, 1);
      END $$`;

// Derived by replacement: fail loudly at load if the earlier text ever changes.
if (ADD_CONTRIBUTIONS_WITH_FINE_PERIODS === ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS) {
  throw new Error('FunnelFinePeriodsAndSetRebuild1732509380000: the contributions function it extends changed');
}
