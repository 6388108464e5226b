import { Injectable } from '@nestjs/common';
import { OpportunityEvents } from '@crm/contracts/opportunity';
import { EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

/**
 * Opportunities opened from leads and, once won, their amount [赢单金额]: the won side of the
 * channel ROI report, kept from the Opportunity context's events (the created event names the
 * lead) in the transaction that records them, so the report is exact when a win commits.
 */
@Injectable()
@EventReaction({ consumer: 'lead.opportunities-projection', events: [OpportunityEvents.created, OpportunityEvents.won], delivery: 'in-transaction' })
export class ProjectLeadOpportunitiesReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    for (const event of events) {
      if (OpportunityEvents.created.matches(event) && event.payload.leadId) {
        await this.tx.query(`INSERT INTO lead.lead_opportunities (opportunity_id, lead_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          event.payload.opportunityId,
          event.payload.leadId,
        ]);
      } else if (OpportunityEvents.won.matches(event)) {
        await this.tx.query(`UPDATE lead.lead_opportunities SET won_amount = $2, currency = $3, won_at = $4 WHERE opportunity_id = $1`, [
          event.payload.opportunityId,
          event.payload.amount,
          event.payload.currency,
          event.payload.wonAt,
        ]);
      }
    }
  }
}
