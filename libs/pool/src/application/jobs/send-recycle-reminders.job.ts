import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { PoolEvents } from '../../contracts/events.js';
import { RECYCLE_DAYS_SQL } from '../../infrastructure/pool-sql.js';

const BATCH = 2000;

/**
 * The window of last activity any entry of any pool can be reminded in: from the longest recycle
 * period ago to the shortest one less its pool's reminder days. A bound the recycle index can
 * range-scan on, so customers long overdue (being recycled) are never read here.
 */
const REMIND_WINDOW = `
  SELECT COALESCE(max(GREATEST((rules->>'recycleAfterDays')::int,
                               COALESCE((SELECT max(value::int) FROM jsonb_each_text(rules->'recycleAfterDaysByGrade')), 0))), 0) AS oldest_days,
         COALESCE(min(LEAST((rules->>'recycleAfterDays')::int,
                            COALESCE((SELECT min(value::int) FROM jsonb_each_text(rules->'recycleAfterDaysByGrade')), 2147483647))
                      - (rules->>'remindDaysBefore')::int), 0) AS newest_days
    FROM pool.pools`;

/**
 * Warns holders `remindDaysBefore` days before a customer would be recycled [回收提醒], once per
 * idle period: a follow-up re-arms it. Safe with several workers (SKIP LOCKED, marked in the same transaction).
 */
@Injectable()
export class SendRecycleRemindersJob {
  private readonly logger = new Logger('SendRecycleReminders');

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async run(): Promise<number> {
    const [window] = (await this.tx.query<{ oldest_days: number; newest_days: number }>(REMIND_WINDOW)) as [{ oldest_days: number; newest_days: number }];
    let total = 0;
    for (;;) {
      const sent = await this.remindBatch(window.oldest_days, window.newest_days);
      total += sent;
      if (sent < BATCH) break;
    }
    if (total > 0) this.logger.log(`Sent ${total} recycle reminders`);
    return total;
  }

  private remindBatch(oldestDays: number, newestDays: number): Promise<number> {
    return this.uow.run(async () => {
      const due = await this.tx.query<{ customer_id: string; pool_id: string; recycle_at: Date; holder_ids: string[] }>(
        `SELECT e.customer_id, e.pool_id, e.last_activity_at + make_interval(days => ${RECYCLE_DAYS_SQL}) AS recycle_at,
                ARRAY(SELECT DISTINCT pr.holder_id FROM pool.protections pr
                       WHERE pr.customer_id = e.customer_id AND pr.released_at IS NULL) AS holder_ids
           FROM pool.entries e JOIN pool.pools p ON p.id = e.pool_id
          WHERE e.protected AND e.reminded_at IS NULL
            AND e.last_activity_at >= now() - make_interval(days => $2)
            AND e.last_activity_at < now() - make_interval(days => $3)
            AND e.last_activity_at < now() - make_interval(days => ${RECYCLE_DAYS_SQL} - (p.rules->>'remindDaysBefore')::int)
            AND e.last_activity_at >= now() - make_interval(days => ${RECYCLE_DAYS_SQL})
          LIMIT $1
          FOR UPDATE OF e SKIP LOCKED`,
        [BATCH, oldestDays, newestDays],
      );
      if (due.length === 0) return 0;
      await this.tx.query(`UPDATE pool.entries SET reminded_at = now() WHERE customer_id = ANY($1::uuid[])`, [due.map((row) => row.customer_id)]);
      this.uow.raise(
        ...due.map((row) =>
          PoolEvents.recycleReminder.create(row.customer_id, {
            customerId: row.customer_id,
            poolId: row.pool_id,
            holderIds: row.holder_ids,
            recycleAt: new Date(row.recycle_at).toISOString(),
          }),
        ),
      );
      return due.length;
    });
  }
}
