import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { ALL_EVENTS, EVENT_REACTION, type EventReactionHandler, type EventReactionOptions } from './event-reaction.js';

export interface RegisteredReaction {
  consumer: string;
  handler: EventReactionHandler;
}

/** The reactions of this application, by event type and delivery, found once at start-up. */
@Injectable()
export class EventReactions implements OnModuleInit {
  private readonly afterCommit = new Map<string, RegisteredReaction[]>();
  private readonly inTransaction = new Map<string, RegisteredReaction[]>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.afterCommit.clear();
    this.inTransaction.clear();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as EventReactionHandler | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const options = Reflect.getMetadata(EVENT_REACTION, instance.constructor) as EventReactionOptions | undefined;
      if (!options) continue;
      const target = options.delivery === 'in-transaction' ? this.inTransaction : this.afterCommit;
      const types = options.events === ALL_EVENTS ? [ALL_EVENTS] : options.events.map((contract) => contract.type);
      for (const type of types) {
        const list = target.get(type) ?? [];
        list.push({ consumer: options.consumer, handler: instance });
        target.set(type, list);
      }
    }
  }

  /** Reactions the dispatcher delivers this type to after commit. */
  afterCommitFor(type: string): RegisteredReaction[] {
    return [...(this.afterCommit.get(type) ?? []), ...(this.afterCommit.get(ALL_EVENTS) ?? [])];
  }

  /** Reactions that run inside the recording transaction for this type. */
  inTransactionFor(type: string): RegisteredReaction[] {
    return [...(this.inTransaction.get(type) ?? []), ...(this.inTransaction.get(ALL_EVENTS) ?? [])];
  }

  /** Event types some after-commit reaction in this process listens to. */
  subscribedTypes(): string[] {
    return [...this.afterCommit.keys()];
  }
}
