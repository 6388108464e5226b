import type { DomainEvent } from './domain-event.js';

/** Base for aggregates: collects the events its intent methods raise until they are saved. */
export abstract class AggregateRoot {
  private pendingEvents: DomainEvent[] = [];

  protected raise(event: DomainEvent): void {
    this.pendingEvents.push(event);
  }

  /** Hands over the raised events exactly once, for the outbox. */
  pullEvents(): DomainEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }
}
