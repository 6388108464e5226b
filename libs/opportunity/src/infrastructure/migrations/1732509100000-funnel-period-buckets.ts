import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ADD_CONTRIBUTIONS_WITH_FINE, FINE_COUNTS, REFRESH_WITH_PERIODS } from './1732508410000-report-periods-and-fine-stays.js';

/**
 * Everyone's funnel narrowed by created or expected close dates, at a cost that does not grow with the data:
 * the read model counts contributions and completed stays per day and per calendar month of each date.
 *
 * - `funnel_period_totals (pipeline, kind, grain, start, current stage, status, reach)`: kind `created` (the day
 *   created in the company's time zone) or `close` (the expected close date); grain `day` (start = that day) or
 *   `month` (start = the first of its month); count and amounts as in `funnel_totals`.
 * - `funnel_period_stays (pipeline, kind, grain, start, stage left, bucket)`: completed stays per median bucket.
 *
 * A period reads the month rows of its whole months and the day rows of the days at its edges (at most some 60),
 * whatever the number of opportunities; a median then reads the period's stays of one bucket through an index
 * that starts with (pipeline, stage, bucket, day). The rows carry no owner (a scoped funnel reads its owners'
 * contributions): every writer of a pipeline shares the rows of a day and a month, which its change holds until
 * commit (writers of a pipeline take turns since migration 1732509250100). See libs/opportunity/README.md.
 */
export class FunnelPeriodBuckets1732509100000 implements MigrationInterface {
  name = 'FunnelPeriodBuckets1732509100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opportunity.funnel_period_totals (
        pipeline_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'close')),
        grain text NOT NULL CHECK (grain IN ('day', 'month')),
        start date NOT NULL,
        stage_id uuid NOT NULL,
        status text NOT NULL,
        reach uuid[] NOT NULL,
        count integer NOT NULL,
        amount numeric NOT NULL,
        plain_amount numeric NOT NULL,
        override_weighted numeric NOT NULL,
        PRIMARY KEY (pipeline_id, kind, grain, start, stage_id, status, reach)
      )`);
    await db.query(`
      CREATE TABLE opportunity.funnel_period_stays (
        pipeline_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created', 'close')),
        grain text NOT NULL CHECK (grain IN ('day', 'month')),
        start date NOT NULL,
        stage_id uuid NOT NULL,
        bucket integer NOT NULL,
        count integer NOT NULL,
        PRIMARY KEY (pipeline_id, kind, grain, start, stage_id, bucket)
      )`);
    await db.query(`CREATE INDEX funnel_stays_created_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, created_on) INCLUDE (seconds)`);
    await db.query(`CREATE INDEX funnel_stays_close_bucket_idx ON opportunity.funnel_stays (pipeline_id, stage_id, bucket, close_on) INCLUDE (seconds)`);
    await db.query(ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS);
    await db.query(REFRESH_WITH_PERIOD_COUNTS);
    // Filled from the read model as it stands (the contributions and stays are already there).
    await db.query(`DO $$ DECLARE ids uuid[] := NULL; sign integer := 1; BEGIN ${PERIOD_COUNTS} END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(ADD_CONTRIBUTIONS_WITH_FINE);
    await db.query(REFRESH_WITH_PERIODS);
    await db.query(`DROP INDEX opportunity.funnel_stays_created_bucket_idx, opportunity.funnel_stays_close_bucket_idx`);
    await db.query(`DROP TABLE opportunity.funnel_period_totals, opportunity.funnel_period_stays`);
  }
}

/** Each contribution and stay counted under four keys: its created day and month, its close day and month (when it has one). */
const SPANS = (
  row: string,
) => `CROSS JOIN LATERAL (VALUES ('created', 'day', ${row}.created_on), ('created', 'month', date_trunc('month', ${row}.created_on)::date),
                                   ('close', 'day', ${row}.close_on), ('close', 'month', date_trunc('month', ${row}.close_on)::date)) AS p (kind, grain, start)`;

const PERIOD_COUNTS = `
        INSERT INTO opportunity.funnel_period_totals AS t (pipeline_id, kind, grain, start, stage_id, status, reach, count, amount, plain_amount, override_weighted)
        SELECT c.pipeline_id, p.kind, p.grain, p.start, c.stage_id, c.status, c.reach, sign * count(*), sign * coalesce(sum(c.amount), 0),
               sign * coalesce(sum(c.amount) FILTER (WHERE c.probability_override IS NULL), 0), sign * coalesce(sum(c.amount * c.probability_override), 0)
          FROM opportunity.report_contributions c ${SPANS('c')}
         WHERE (ids IS NULL OR c.opportunity_id = ANY(ids)) AND p.start IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (pipeline_id, kind, grain, start, stage_id, status, reach) DO UPDATE
           SET count = t.count + EXCLUDED.count, amount = t.amount + EXCLUDED.amount,
               plain_amount = t.plain_amount + EXCLUDED.plain_amount, override_weighted = t.override_weighted + EXCLUDED.override_weighted;
        INSERT INTO opportunity.funnel_period_stays AS t (pipeline_id, kind, grain, start, stage_id, bucket, count)
        SELECT s.pipeline_id, p.kind, p.grain, p.start, s.stage_id, s.bucket, sign * count(*)
          FROM opportunity.funnel_stays s ${SPANS('s')}
         WHERE (ids IS NULL OR s.opportunity_id = ANY(ids)) AND p.start IS NOT NULL
         GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (pipeline_id, kind, grain, start, stage_id, bucket) DO UPDATE SET count = t.count + EXCLUDED.count;`;

/** The contributions function as this migration leaves it (later migrations extend it and restore it on down). */
export const ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS = ADD_CONTRIBUTIONS_WITH_FINE.replace(FINE_COUNTS, FINE_COUNTS + PERIOD_COUNTS);

/** The refresh function as this migration leaves it (later migrations extend it and restore it on down). */
export const REFRESH_WITH_PERIOD_COUNTS = REFRESH_WITH_PERIODS.replace(
  'opportunity.funnel_stay_fine;',
  'opportunity.funnel_stay_fine, opportunity.funnel_period_totals, opportunity.funnel_period_stays;',
);

// The statements above are derived by replacement: fail loudly at load if the earlier text ever changes.
if (ADD_CONTRIBUTIONS_WITH_PERIOD_COUNTS === ADD_CONTRIBUTIONS_WITH_FINE || REFRESH_WITH_PERIOD_COUNTS === REFRESH_WITH_PERIODS) {
  throw new Error('FunnelPeriodBuckets1732509100000: the functions it extends changed');
}
