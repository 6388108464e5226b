import { Injectable } from '@nestjs/common';
import { ALL_EVENTS, EventReaction, TransactionHost, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { wantsEvent } from '../../domain/webhook-delivery.js';
import { DeliverySignal } from '../delivery/delivery-signal.js';

/**
 * Every committed event becomes one pending delivery per active subscription that wants its type,
 * in the dispatcher's transaction: at least once from the outbox, and (subscription, event) is
 * unique, so a redelivered event queues nothing new. The body is fixed here, so every attempt
 * sends (and signs) the same bytes.
 */
@Injectable()
@EventReaction({ consumer: 'webhook.enqueue-deliveries', events: ALL_EVENTS })
export class EnqueueWebhookDeliveriesReaction implements EventReactionHandler {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DeliverySignal,
  ) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  /** A dispatcher's batch: one read of the subscriptions, one insert of every delivery they want. */
  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    const subscriptions = await this.tx.query<{ id: string; event_type_prefixes: string[] }>(
      `SELECT id, event_type_prefixes FROM webhook.subscriptions WHERE active`,
    );
    if (subscriptions.length === 0) return;
    const deliveries = events.flatMap((event) =>
      subscriptions.filter((subscription) => wantsEvent(subscription.event_type_prefixes, event.type)).map((subscription) => ({ event, subscription })),
    );
    if (deliveries.length === 0) return;
    await this.tx.query(
      `INSERT INTO webhook.deliveries (id, subscription_id, event_id, event_seq, event_type, customer_id, body, status)
       SELECT d.id, d.subscription_id, d.event_id, e.seq, e.type, e.customer_id, d.body, 'pending'
         FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[]) AS d(id, subscription_id, event_id, body)
         JOIN platform.events e ON e.id = d.event_id
       ON CONFLICT (subscription_id, event_id) DO NOTHING`,
      [
        deliveries.map(() => uuidv7()),
        deliveries.map(({ subscription }) => subscription.id),
        deliveries.map(({ event }) => event.id),
        deliveries.map(({ event }) => JSON.stringify(event)),
      ],
    );
    this.tx.afterCommit(() => this.signal.wake());
  }
}
