import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '@crm/platform';
import { SlaEvents, type SlaClockEventV1 } from '../../contracts/sla-events.js';
import { SlaClockStore, type StoredClock } from '../../infrastructure/sla-clock.store.js';

const BATCH = 500;

const payloadOf = (clock: StoredClock): SlaClockEventV1 => ({
  ticketId: clock.ticketId,
  metric: clock.metric,
  policyId: clock.policyId,
  targetMinutes: clock.targetMinutes,
  warnAt: clock.warnAt?.toISOString() ?? null,
  deadlineAt: clock.deadlineAt?.toISOString() ?? null,
  achievedAt: clock.achievedAt?.toISOString() ?? null,
  customerId: clock.customerId,
  teamId: clock.teamId,
  assigneeId: clock.handlerId,
});

/**
 * The SLA scan [SLA巡检]: the clocks whose next check has come (an index on that instant, so the
 * cost follows the clocks coming due, not the open tickets) raise `sla.warning` and `sla.breached`,
 * each once per ticket and metric. Safe with several workers: a batch is locked with SKIP LOCKED
 * and marked in the same transaction that records the events, and a mark is never cleared.
 */
@Injectable()
export class ScanSlaClocksJob {
  private readonly logger = new Logger('SlaScan');

  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: SlaClockStore,
  ) {}

  /** Answers how many warnings and breaches it raised. */
  async run(now = new Date()): Promise<{ warnings: number; breaches: number }> {
    const raised = { warnings: 0, breaches: 0 };
    for (;;) {
      const batch = await this.uow.run(async () => {
        const due = await this.store.lockDue(now, BATCH);
        const marks = due.map((clock) => ({
          clock,
          ticketId: clock.ticketId,
          metric: clock.metric,
          warn: clock.warnedAt === null && clock.achievedAt === null && clock.warnAt !== null && clock.warnAt <= now,
          breach:
            clock.breachedAt === null &&
            clock.deadlineAt !== null &&
            clock.deadlineAt <= now &&
            (clock.achievedAt === null || clock.achievedAt > clock.deadlineAt),
        }));
        await this.store.record(marks, now);
        for (const { clock, warn, breach } of marks) {
          if (warn) this.uow.raise(SlaEvents.warning.create(clock.ticketId, payloadOf(clock)));
          if (breach) this.uow.raise(SlaEvents.breached.create(clock.ticketId, payloadOf(clock)));
          raised.warnings += warn ? 1 : 0;
          raised.breaches += breach ? 1 : 0;
        }
        return due.length;
      });
      if (batch < BATCH) break;
    }
    if (raised.warnings + raised.breaches > 0) this.logger.log(`SLA scan: ${raised.warnings} warnings, ${raised.breaches} breaches`);
    return raised;
  }
}
