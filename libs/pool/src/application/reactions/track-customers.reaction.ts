import { Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CustomerEvents, ListCustomerSummariesQuery, type CustomerSummary, type CustomerCreatedV1, type CustomerFollowedUpV1, type CustomerUpdatedV1 } from '@crm/contracts/customer';
import { EventReaction, IdentityService, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { PoolRepository } from '../../infrastructure/pool.repository.js';

const SYNC_BATCH = 5000;

/**
 * Keeps the Pool context's record of each customer: new customers join their department's pool
 * (held by their owner, if any), grade changes follow, and a follow-up restarts the recycle clock.
 */
@Injectable()
@EventReaction({
  consumer: 'pool.track-customers',
  events: [CustomerEvents.created, CustomerEvents.updated, CustomerEvents.followedUp, CustomerEvents.gradePolicyReplaced],
})
export class TrackCustomersReaction implements EventReactionHandler {
  constructor(
    private readonly pool: PoolRepository,
    private readonly identity: IdentityService,
    private readonly queries: QueryBus,
  ) {}

  async handle(event: EventEnvelope): Promise<void> {
    switch (event.type) {
      case CustomerEvents.created:
        return this.created(event.payload as unknown as CustomerCreatedV1, event);
      case CustomerEvents.updated: {
        // Events may be delivered out of order (several dispatchers, retries): take the grade as it is now.
        const { customerId, changes } = event.payload as unknown as CustomerUpdatedV1;
        const grade = changes.grade ? await this.currentGrade(customerId) : undefined;
        if (grade) await this.pool.setGrade(customerId, grade);
        return;
      }
      case CustomerEvents.followedUp: {
        const { customerId, occurredAt } = event.payload as unknown as CustomerFollowedUpV1;
        await this.pool.recordActivity(customerId, new Date(occurredAt));
        return;
      }
      case CustomerEvents.gradePolicyReplaced:
        return this.syncAllGrades();
    }
  }

  private async created(customer: CustomerCreatedV1, event: EventEnvelope): Promise<void> {
    const placedBy = customer.ownerId ?? event.actor;
    const departmentId = placedBy && placedBy !== 'system' ? ((await this.identity.actorFor(placedBy))?.departmentId ?? null) : null;
    const pool = await this.pool.poolForDepartment(departmentId);
    const at = new Date(event.occurredAt);
    const grade = (await this.currentGrade(customer.customerId)) ?? customer.grade;
    if (!(await this.pool.insertEntry({ customerId: customer.customerId, poolId: pool.id, grade, at }))) return;
    if (customer.ownerId) {
      await this.pool.insertProtections([
        {
          id: uuidv7(),
          customerId: customer.customerId,
          poolId: pool.id,
          holderId: customer.ownerId,
          scope: { kind: 'customer' },
          source: 'created',
          applicationId: null,
          since: at,
        },
      ]);
      await this.pool.refreshEntries([customer.customerId], false);
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
