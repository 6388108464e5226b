import { Injectable } from '@nestjs/common';
import { OpportunityEvents } from '@crm/contracts/opportunity';
import { EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

/** Keeps which customer each opportunity is about, so an order can only name an opportunity of its own customer. */
@Injectable()
@EventReaction({ consumer: 'contract.track-order-opportunities', events: [OpportunityEvents.created] })
export class TrackOpportunitiesReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!OpportunityEvents.created.matches(event)) return;
    await this.tx.execute(`INSERT INTO contract.order_opportunities (opportunity_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      event.payload.opportunityId,
      event.payload.customerId,
    ]);
  }
}
