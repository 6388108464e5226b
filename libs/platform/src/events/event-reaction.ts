import { SetMetadata } from '@nestjs/common';
import type { EventEnvelope } from './event-envelope.js';

export const EVENT_REACTION = Symbol('EVENT_REACTION');

/** Subscribes a reaction to every event type (projections such as the customer timeline). */
export const ALL_EVENTS = '*';

export interface EventReactionOptions {
  /** Stable consumer name, recorded per handled event so a redelivery is a no-op. */
  consumer: string;
  /** Versioned event types this reaction handles, e.g. `approval.granted.v1`, or ALL_EVENTS. */
  events: string[];
}

/**
 * A reaction runs once per event, inside the dispatcher's transaction: what it writes (usually
 * through a command) commits together with the record that it handled the event.
 */
export interface EventReactionHandler {
  handle(event: EventEnvelope): Promise<void>;
}

export const EventReaction = (options: EventReactionOptions): ClassDecorator => SetMetadata(EVENT_REACTION, options);
