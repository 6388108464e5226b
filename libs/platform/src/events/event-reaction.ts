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
  /**
   * Optional, in-transaction: the reaction's writes for these events (all one recording made, in
   * order) as one data-modifying statement, parameters numbered from $1, or undefined when there is
   * nothing to write. The recorder runs it within its own INSERT of the events, so both cost one
   * round trip; the statement sees the database as it was before that INSERT (it must not read
   * platform.events). Used instead of `handleAll` when the recorder has it.
   */
  statementFor?(events: readonly EventEnvelope[]): SqlStatement | undefined;
  /**
   * Optional, after commit: whether this reaction does anything with the event (a projection of one
   * customer's events skips those about no customer). An event it does not want is not claimed in
   * its inbox nor handed to it; the dispatcher spends no statement on it for this reaction. Must
   * depend on the event alone.
   */
  wants?(event: EventEnvelope): boolean;
}

/** One statement and its parameters ($1 upwards). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

export const EventReaction = (options: EventReactionOptions): ClassDecorator => SetMetadata(EVENT_REACTION, options);
