import { Injectable } from '@nestjs/common';
import { OpportunityEvents } from '@crm/contracts/opportunity';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { WonOpportunities } from '../../infrastructure/won-opportunities.js';

/** Keeps the won opportunities a contract may start from, after commit and at least once (a replay changes nothing). */
@Injectable()
@EventReaction({ consumer: 'contract.record-won-opportunities', events: [OpportunityEvents.won] })
export class RecordWonOpportunitiesReaction implements EventReactionHandler {
  constructor(private readonly won: WonOpportunities) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!OpportunityEvents.won.matches(event)) return;
    const payload = event.payload;
    await this.won.record({
      opportunityId: payload.opportunityId,
      customerId: payload.customerId,
      ownerId: payload.ownerId,
      name: payload.name,
      amount: payload.amount,
      currency: payload.currency,
      productIds: [...new Set(payload.lines.map((line) => line.productId))],
      wonAt: payload.wonAt,
    });
  }
}
