import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@crm/kernel';
import type { EventEnvelope } from './event-envelope.js';

export const EVENT_REACTION = Symbol('EVENT_REACTION');

/** Subscribes a reaction to every event type (projections such as the customer timeline). */
export const ALL_EVENTS = '*';

export interface EventReactionOptions {
  /** Stable consumer name, recorded per handled event so a redelivery is a no-op. */
  consumer: string;
  /** The declared events this reaction handles (from the emitting context's contracts), or ALL_EVENTS. */
  events: readonly EventContract<object>[] | typeof ALL_EVENTS;
  /**
   * `after-commit` (default): delivered by the outbox dispatcher, at least once, in a transaction
   * of its own; the inbox makes it effectively once. `in-transaction`: run inside the transaction
   * that records the event, before it commits, for read copies that must be exact the moment the
   * change commits (data scope). See docs/adr/0003-who-holds-a-customer.md.
   */
  delivery?: 'after-commit' | 'in-transaction';
}

/**
 * A reaction runs once per event. After commit it runs inside the dispatcher's transaction: what it
 * writes (usually through a command) commits together with the record that it handled the event.
 */
export interface EventReactionHandler {
  handle(event: EventEnvelope): Promise<void>;
  /**
   * Optional set-based form: all events one recording made (in-transaction), or the dispatcher's
   * batch for this reaction (after commit), in order. Used instead of `handle` for several events.
   */
  handleAll?(events: readonly EventEnvelope[]): Promise<void>;
}

export const EventReaction = (options: EventReactionOptions): ClassDecorator => SetMetadata(EVENT_REACTION, options);
