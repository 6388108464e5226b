import { Injectable } from '@nestjs/common';
import { ALL_EVENTS, EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';

/**
 * Keeps the customer 360 timeline: every event about a customer, from any context, becomes an
 * entry. Idempotent twice over: the dispatcher's inbox, and the event id as primary key. Set-based:
 * the dispatcher hands it a batch of events at once.
 */
@Injectable()
@EventReaction({ consumer: 'customer.timeline-projection', events: ALL_EVENTS })
export class ProjectCustomerTimelineReaction implements EventReactionHandler {
  constructor(private readonly tx: TransactionHost) {}

  /** Only events about a customer make an entry: the others cost the dispatcher nothing here. */
  wants(event: EventEnvelope): boolean {
    return event.customerId !== null;
  }

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  /** A dispatcher's batch in one statement (recycling a million customers is a million entries). */
  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    const about = events.filter((event) => event.customerId);
    if (about.length === 0) return;
    await this.tx.query(
      `INSERT INTO customer.timeline_entries (event_id, customer_id, type, occurred_at, actor_id, payload)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::jsonb[])
       ON CONFLICT (event_id) DO NOTHING`,
      [
        about.map((event) => event.id),
        about.map((event) => event.customerId),
        about.map((event) => event.type),
        about.map((event) => event.occurredAt),
        about.map((event) => event.actor),
        about.map((event) => JSON.stringify(event.payload)),
      ],
    );
  }
}
