import type { MigrationInterface, QueryRunner } from 'typeorm';
import { REFRESH_WITH_PERIOD_COUNTS } from './1732509100000-funnel-period-buckets.js';

/**
 * Writers of one pipeline take their turn at the report counts instead of deadlocking on them.
 *
 * The funnel's counters per pipeline (stay fine buckets, counts per created or close day and month) are rows shared
 * by every opportunity of the pipeline. A change takes its old contribution out and puts the new one in, each in key
 * order, and a stage change refreshes twice (the opportunity, then its history): two opposite moves at once took
 * each other's rows in opposite order and PostgreSQL broke the deadlock by failing one of them (409).
 *
 * The refresh now first takes a transaction-level advisory lock per pipeline it touches (the old and the new one),
 * in lock-key order, and holds it until commit: writers of a pipeline's counts go one after the other (they already
 * waited for each other's shared rows until commit), writers of different pipelines do not wait for each other.
 * A full rebuild (no ids) truncates the read model and needs no such lock.
 */
export class ReportLocksPerPipeline1732509250100 implements MigrationInterface {
  name = 'ReportLocksPerPipeline1732509250100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(REFRESH_WITH_PIPELINE_LOCKS);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(REFRESH_WITH_PERIOD_COUNTS);
  }
}

const DECLARATIONS = 'DECLARE zone text := (SELECT time_zone FROM opportunity.report_settings);';
const TAKE_OUT = 'PERFORM opportunity.add_report_contributions(ids, -1);';

/** Each pipeline's turn at the counts, in lock-key order (the refresh's statement that takes them; later migrations reuse it). */
export const PIPELINE_LOCKS = `FOR lock_key IN
            SELECT DISTINCT hashtext(p.pipeline_id::text)
              FROM (SELECT c.pipeline_id FROM opportunity.report_contributions c WHERE c.opportunity_id = ANY(ids)
                    UNION SELECT o.pipeline_id FROM opportunity.opportunities o WHERE o.id = ANY(ids)) AS p
             ORDER BY 1
          LOOP
            PERFORM pg_advisory_xact_lock(hashtext('opportunity-report-pipeline'), lock_key);
          END LOOP;
          `;

/** The refresh function as this migration leaves it (a later migration restores it on down). */
export const REFRESH_WITH_PIPELINE_LOCKS = REFRESH_WITH_PERIOD_COUNTS.replace(DECLARATIONS, `${DECLARATIONS}\n      lock_key integer;`).replace(
  TAKE_OUT,
  PIPELINE_LOCKS + TAKE_OUT,
);

// Derived by replacement: fail loudly at load if the earlier text ever changes.
if (!REFRESH_WITH_PIPELINE_LOCKS.includes('lock_key integer;') || !REFRESH_WITH_PIPELINE_LOCKS.includes('pg_advisory_xact_lock')) {
  throw new Error('ReportLocksPerPipeline1732509250100: the refresh function it extends changed');
}
