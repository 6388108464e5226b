import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CustomerEvents, ListCustomerSummariesQuery, type CustomerSummary } from '@crm/contracts/customer';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { PoolRepository } from '../../infrastructure/pool.repository.js';

const SYNC_BATCH = 5000;

/** Keeps the Pool context's copy of each customer's grade, and restarts the recycle clock on a follow-up. */
@Injectable()
@EventReaction({
  consumer: 'pool.track-customers',
  events: [CustomerEvents.updated, CustomerEvents.followedUp, CustomerEvents.gradePolicyReplaced],
})
export class TrackCustomersReaction implements EventReactionHandler {
  constructor(
    private readonly pool: PoolRepository,
    private readonly queries: QueryBus,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (CustomerEvents.updated.matches(event)) {
      // Events may be delivered out of order (several dispatchers, retries): take the grade as it is now.
      const { customerId, changes } = event.payload;
      const grade = changes.grade ? await this.currentGrade(customerId) : undefined;
      if (grade) await this.pool.setGrade(customerId, grade);
    } else if (CustomerEvents.followedUp.matches(event)) {
      await this.pool.recordActivity(event.payload.customerId, new Date(event.payload.occurredAt));
    } else if (CustomerEvents.gradePolicyReplaced.matches(event)) {
      await this.syncAllGrades();
    }
  }

  private async currentGrade(customerId: string): Promise<string | undefined> {
    const [summary] = await this.queries.execute(new ListCustomerSummariesQuery({ ids: [customerId] }));
    return summary?.grade;
  }

  private async syncAllGrades(): Promise<void> {
    let afterId: string | null = null;
    for (;;) {
      const batch: CustomerSummary[] = await this.queries.execute(new ListCustomerSummariesQuery({ afterId, limit: SYNC_BATCH }));
      await this.pool.setGrades(batch.map((customer) => ({ customerId: customer.id, grade: customer.grade })));
      if (batch.length < SYNC_BATCH) return;
      afterId = batch[batch.length - 1]!.id;
    }
  }
}
