import { Injectable } from '@nestjs/common';
import { ALL_EVENTS, EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

/**
 * Keeps the customer 360 timeline: every event about a customer, from any context, becomes an
 * entry. Idempotent twice over: the dispatcher's inbox, and the event id as primary key.
 */
@Injectable()
@EventReaction({ consumer: 'customer.timeline-projection', events: ALL_EVENTS })
export class ProjectCustomerTimelineReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!event.customerId) return;
    await this.tx.query(
      `INSERT INTO customer.timeline_entries (event_id, customer_id, type, occurred_at, actor_id, payload)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING`,
      [event.id, event.customerId, event.type, event.occurredAt, event.actor, JSON.stringify(event.payload)],
    );
  }
}
