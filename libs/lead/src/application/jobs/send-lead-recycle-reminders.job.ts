import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { LeadEvents } from '../../contracts/events.js';

const BATCH = 500;

/** The follow-up deadline of an owned lead under its pool's `recycleAfterDays`, in SQL over `l` and `p`. */
const DEADLINE = `coalesce(l.last_worked_at, l.assigned_at) + make_interval(days => (p.rules->>'recycleAfterDays')::int)`;

/**
 * Reminders before recycling [回收提醒]: an owned open lead whose follow-up deadline falls within
 * its pool's `remindHoursBefore` gets one `lead.recycle-reminder` (the owner's inbox hears of it),
 * once per deadline. Set-based, each batch one statement and one transaction: the reminder rows
 * are inserted with ON CONFLICT DO NOTHING on (lead, deadline), so several workers at once remind
 * each lead once, and only the rows a worker inserted raise events.
 */
@Injectable()
export class SendLeadRecycleRemindersJob {
  private readonly logger = new Logger('SendLeadRecycleReminders');

  constructor(
    private readonly tx: TransactionHost,
    private readonly uow: UnitOfWork,
  ) {}

  async run(now = new Date(), batchSize = BATCH): Promise<number> {
    let total = 0;
    for (;;) {
      const { selected, sent } = await this.uow.run(() => this.batch(now, batchSize));
      total += sent;
      if (selected < batchSize) break;
    }
    if (total > 0) this.logger.log(`Sent ${total} lead recycle reminders`);
    return total;
  }

  private async batch(now: Date, batchSize: number): Promise<{ selected: number; sent: number }> {
    const rows = await this.tx.query<{ lead_id: string; deadline: Date; owner_id: string; pool_id: string; hours: number; inserted: boolean }>(
      `WITH due AS (
         SELECT l.id, l.owner_id, l.pool_id, ${DEADLINE} AS deadline, (p.rules->>'remindHoursBefore')::int AS hours
           FROM lead.leads l JOIN lead.pools p ON p.id = l.pool_id
          WHERE l.status = 'open' AND l.owner_id IS NOT NULL AND l.assigned_at IS NOT NULL
            AND (p.rules->>'recycleAfterDays') IS NOT NULL AND (p.rules->>'remindHoursBefore') IS NOT NULL
            AND ${DEADLINE} > $1::timestamptz
            AND ${DEADLINE} - make_interval(hours => (p.rules->>'remindHoursBefore')::int) <= $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM lead.recycle_reminders r WHERE r.lead_id = l.id AND r.deadline = ${DEADLINE})
          ORDER BY l.id LIMIT $2
       ), sent AS (
         INSERT INTO lead.recycle_reminders (lead_id, deadline, owner_id, pool_id, reminded_at)
         SELECT id, deadline, owner_id, pool_id, $1 FROM due
         ON CONFLICT (lead_id, deadline) DO NOTHING
         RETURNING lead_id
       )
       SELECT d.id AS lead_id, d.deadline, d.owner_id, d.pool_id, d.hours, (s.lead_id IS NOT NULL) AS inserted
         FROM due d LEFT JOIN sent s ON s.lead_id = d.id`,
      [now, batchSize],
    );
    const sent = rows.filter((row) => row.inserted);
    this.uow.raise(
      ...sent.map((row) =>
        LeadEvents.recycleReminder.create(row.lead_id, {
          leadId: row.lead_id,
          poolId: row.pool_id,
          ownerId: row.owner_id,
          recycleAt: new Date(row.deadline).toISOString(),
          remindHoursBefore: row.hours,
        }),
      ),
    );
    return { selected: rows.length, sent: sent.length };
  }
}
