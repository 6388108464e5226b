import { Injectable } from '@nestjs/common';
import { BusinessCalendar, FALLBACK_CALENDAR_RULES } from '../domain/business-calendar.js';
import { computeSlaClocks } from '../domain/sla-clock.js';
import { policyMatches, SLA_METRICS, targetOf } from '../domain/sla-policy.js';
import { SlaClockStore } from '../infrastructure/sla-clock.store.js';
import { SlaConfigurationRepository } from '../infrastructure/sla-configuration.repository.js';

/** Open tickets recomputed per transaction when a policy or calendar changes. */
const RECOMPUTE_BATCH = 500;

/**
 * Keeps each ticket's SLA clocks equal to what its history, the policies in force and its team's
 * calendar say: recomputed from scratch every time (no counters to drift), in the caller's
 * transaction.
 */
@Injectable()
export class SlaClockKeeper {
  constructor(
    private readonly store: SlaClockStore,
    private readonly configuration: SlaConfigurationRepository,
  ) {}

  async recompute(ticketIds: readonly string[], now = new Date()): Promise<void> {
    if (ticketIds.length === 0) return;
    const tickets = await this.store.tickets(ticketIds);
    const policies = await this.configuration.activePolicies();
    const calendars = new Map<string | null, { id: string | null; calendar: BusinessCalendar }>();
    for (const ticket of tickets) {
      let calendar = calendars.get(ticket.teamId);
      if (!calendar) {
        const record = await this.configuration.calendarFor(ticket.teamId);
        calendar = { id: record?.id ?? null, calendar: new BusinessCalendar(record ?? FALLBACK_CALENDAR_RULES) };
        calendars.set(ticket.teamId, calendar);
      }
      const targets = policies
        .filter((policy) => policyMatches(policy, ticket.facts))
        .flatMap((policy) => SLA_METRICS.map((metric) => targetOf(policy, metric)));
      const clocks = targets.length > 0 ? computeSlaClocks(calendar.calendar, ticket.history, targets) : [];
      await this.store.save(ticket.ticketId, calendar.id, clocks, now);
    }
  }

  /** Every open ticket, a batch at a time: after a policy or calendar change. Answers how many were recomputed. */
  async recomputeOpen(): Promise<number> {
    let afterId: string | null = null;
    let count = 0;
    for (;;) {
      const ids = await this.store.openTicketIds(afterId, RECOMPUTE_BATCH);
      if (ids.length === 0) return count;
      await this.recompute(ids);
      count += ids.length;
      afterId = ids[ids.length - 1]!;
    }
  }
}
