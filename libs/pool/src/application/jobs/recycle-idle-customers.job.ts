import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { PoolEvents } from '../../contracts/events.js';
import { RECYCLE_DAYS_SQL } from '../../infrastructure/pool-sql.js';

const RECYCLE_BATCH = 2000;

/** The shortest recycle period of any pool or grade: a bound the recycle index can range-scan on. */
const MIN_DUE_DAYS = `
  SELECT COALESCE(min(LEAST((rules->>'recycleAfterDays')::int,
                            COALESCE((SELECT min(value::int) FROM jsonb_each_text(rules->'recycleAfterDaysByGrade')), 2147483647))), 0) AS days
    FROM pool.pools`;

/**
 * POOL-1: customers nobody followed up for their pool's period fall back into the pool [掉入公海].
 * Short batches, each its own transaction, rows claimed with SKIP LOCKED: any number of workers
 * can run it at once, each customer is recycled once, and claims are never blocked for long.
 */
@Injectable()
export class RecycleIdleCustomersJob {
  private readonly logger = new Logger('RecycleIdleCustomers');

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  /** Recycles everything due now; returns how many customers went back to the pool. */
  async run(batchSize = RECYCLE_BATCH): Promise<number> {
    const [{ days }] = (await this.tx.query<{ days: number }>(MIN_DUE_DAYS)) as [{ days: number }];
    let total = 0;
    for (;;) {
      const recycled = await this.recycleBatch(days, batchSize);
      total += recycled;
      if (recycled < batchSize) break;
    }
    if (total > 0) this.logger.log(`Recycled ${total} idle customers into their pools`);
    return total;
  }

  /**
   * One batch, set-based end to end: one statement picks the due entries (SKIP LOCKED), ends their
   * protections and takes them out of protection, returning each customer's former holders; then
   * one multi-row outbox insert for their events (with the customer read copy's in-transaction
   * projection), all in one transaction. No statement per customer.
   */
  private recycleBatch(minDays: number, batchSize: number): Promise<number> {
    return this.uow.run(async () => {
      const due = await this.tx.query<{ customer_id: string; pool_id: string; last_activity_at: Date; due_days: number; former_holder_ids: string[] }>(
        `WITH due AS (
           SELECT e.customer_id, e.pool_id, e.last_activity_at, ${RECYCLE_DAYS_SQL} AS due_days
             FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
            WHERE e.protected
              AND e.last_activity_at < now() - make_interval(days => $1)
              AND e.last_activity_at < now() - make_interval(days => ${RECYCLE_DAYS_SQL})
            ORDER BY e.last_activity_at
            LIMIT $2
            FOR UPDATE OF e SKIP LOCKED),
         released AS (
           UPDATE pool.protections pr SET released_at = now(), release_reason = 'recycled', released_by = 'system'
             FROM due WHERE pr.customer_id = due.customer_id AND pr.released_at IS NULL
           RETURNING pr.customer_id, pr.holder_id),
         -- Every protection of these customers ends, so nobody holds them: back in the pool from now.
         refreshed AS (
           UPDATE pool.entries e SET protected = false, wholly_protected = false, entered_pool_at = now()
             FROM due WHERE e.customer_id = due.customer_id)
         SELECT due.customer_id, due.pool_id, due.last_activity_at, due.due_days, COALESCE(h.holder_ids, '{}') AS former_holder_ids
           FROM due
           LEFT JOIN (SELECT customer_id, array_agg(DISTINCT holder_id ORDER BY holder_id) AS holder_ids FROM released GROUP BY customer_id) h
             ON h.customer_id = due.customer_id`,
        [minDays, batchSize],
      );
      if (due.length === 0) return 0;
      this.uow.raise(
        ...due.map((row) =>
          PoolEvents.customerRecycled.create(row.customer_id, {
            customerId: row.customer_id,
            poolId: row.pool_id,
            formerHolderIds: row.former_holder_ids,
            lastActivityAt: new Date(row.last_activity_at).toISOString(),
            recycleAfterDays: row.due_days,
            holders: { ownerId: null, coHolderIds: [] },
          }),
        ),
      );
      return due.length;
    });
  }
}
