import { Injectable, Logger } from '@nestjs/common';
import { TransactionHost, UnitOfWork } from '@crm/platform';
import { LeadEvents, type LeadRecycleReminderV2 } from '../../contracts/events.js';

const BATCH = 500;

/**
 * An owned lead's recycle deadlines under its pool's rules, in SQL over `l` and `p`: the follow-up
 * one (`recycleAfterDays` after assignment or the last follow-up) and the conversion one
 * (`recycleIfNotConvertedDays` after assignment); null when the pool has no such rule. To the
 * millisecond, as the aggregate keeps its times: saving the lead does not move a deadline.
 */
const DEADLINES = `(VALUES
  ('not-followed-up', date_trunc('milliseconds', coalesce(l.last_worked_at, l.assigned_at) + make_interval(days => (p.rules->>'recycleAfterDays')::int))),
  ('not-converted', date_trunc('milliseconds', l.assigned_at + make_interval(days => (p.rules->>'recycleIfNotConvertedDays')::int)))
) AS d(rule, deadline)`;

/**
 * Reminders before recycling [回收提醒]: an owned open lead whose follow-up or conversion deadline
 * falls within its pool's `remindHoursBefore` gets one `lead.recycle-reminder` (the owner's inbox
 * hears of it, naming the deadline), once per lead, rule and deadline. Set-based, each batch one
 * statement and one transaction: the reminder rows are inserted with ON CONFLICT DO NOTHING on
 * (lead, rule, deadline), so several workers at once remind each lead once per deadline, and only
 * the rows a worker inserted raise events. Version 2 of the event says which rule; version 1 is
 * raised beside it for the follow-up deadline only, as before.
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
    const rows = await this.tx.query<{
      lead_id: string;
      rule: LeadRecycleReminderV2['rule'];
      deadline: Date;
      owner_id: string;
      pool_id: string;
      hours: number;
      inserted: boolean;
    }>(
      `WITH due AS (
         SELECT l.id, d.rule, d.deadline, l.owner_id, l.pool_id, (p.rules->>'remindHoursBefore')::int AS hours
           FROM lead.leads l JOIN lead.pools p ON p.id = l.pool_id CROSS JOIN LATERAL ${DEADLINES}
          WHERE l.status = 'open' AND l.owner_id IS NOT NULL AND l.assigned_at IS NOT NULL
            AND ((p.rules->>'recycleAfterDays') IS NOT NULL OR (p.rules->>'recycleIfNotConvertedDays') IS NOT NULL)
            AND (p.rules->>'remindHoursBefore') IS NOT NULL
            AND d.deadline > $1::timestamptz
            AND d.deadline - make_interval(hours => (p.rules->>'remindHoursBefore')::int) <= $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM lead.recycle_reminders r WHERE r.lead_id = l.id AND r.rule = d.rule AND r.deadline = d.deadline)
          ORDER BY l.id, d.rule LIMIT $2
       ), sent AS (
         INSERT INTO lead.recycle_reminders (lead_id, rule, deadline, owner_id, pool_id, reminded_at)
         SELECT id, rule, deadline, owner_id, pool_id, $1 FROM due
         ON CONFLICT (lead_id, rule, deadline) DO NOTHING
         RETURNING lead_id, rule
       )
       SELECT d.id AS lead_id, d.rule, d.deadline, d.owner_id, d.pool_id, d.hours, (s.lead_id IS NOT NULL) AS inserted
         FROM due d LEFT JOIN sent s ON s.lead_id = d.id AND s.rule = d.rule`,
      [now, batchSize],
    );
    const sent = rows.filter((row) => row.inserted);
    for (const row of sent) {
      const payload = {
        leadId: row.lead_id,
        poolId: row.pool_id,
        ownerId: row.owner_id,
        recycleAt: new Date(row.deadline).toISOString(),
        remindHoursBefore: row.hours,
      };
      this.uow.raise(LeadEvents.recycleReminderV2.create(row.lead_id, { ...payload, rule: row.rule }));
      if (row.rule === 'not-followed-up') this.uow.raise(LeadEvents.recycleReminder.create(row.lead_id, payload));
    }
    return { selected: rows.length, sent: sent.length };
  }
}
