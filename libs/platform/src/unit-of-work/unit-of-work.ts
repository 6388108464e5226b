import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { AggregateRoot, DomainEvent } from '@crm/kernel';
import { TransactionHost } from '../database/transaction-host.js';
import { EventRecorder } from '../events/event-recorder.js';

/** Metadata key @nestjs/cqrs's @CommandHandler sets (not exported by the package). */
const COMMAND_HANDLER_METADATA = '__commandHandler__';

interface Scope {
  aggregates: AggregateRoot[];
  events: DomainEvent[];
}

/**
 * Every command runs as one unit of work: a transaction (joined when one is already open, as in
 * an event reaction or a request carrying an Idempotency-Key), and, before it commits, the events
 * raised by the aggregates its repositories saved. Handlers load, call one intent method and
 * save; they never open transactions or record events themselves.
 */
@Injectable()
export class UnitOfWork implements OnApplicationBootstrap {
  private readonly scope = new AsyncLocalStorage<Scope>();

  constructor(
    private readonly tx: TransactionHost,
    private readonly recorder: EventRecorder,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Wraps every command handler of the application, so none can forget a step. */
  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as { execute?: (command: unknown) => Promise<unknown> } | undefined;
      if (!instance || typeof instance !== 'object' || typeof instance.execute !== 'function') continue;
      if (!Reflect.getMetadata(COMMAND_HANDLER_METADATA, instance.constructor)) continue;
      const execute = instance.execute.bind(instance);
      instance.execute = (command: unknown) => this.run(() => execute(command));
    }
  }

  /** Runs `work` in a transaction and records what it raised before commit. Nested commands get a scope of their own. */
  run<T>(work: () => Promise<T>): Promise<T> {
    return this.tx.run(() =>
      this.scope.run({ aggregates: [], events: [] }, async () => {
        const result = await work();
        await this.flush();
        return result;
      }),
    );
  }

  /** Repositories call this for every aggregate they save: its raised events go out with the commit. */
  track(aggregate: AggregateRoot): void {
    this.current().aggregates.push(aggregate);
  }

  /** Events that belong to no aggregate (configuration changes, set-based jobs). */
  raise(...events: DomainEvent[]): void {
    this.current().events.push(...events);
  }

  /**
   * Records what was raised so far, for work that must see in-transaction reactions' results
   * (read copies) before the command ends. The rest is recorded when the command ends.
   */
  async flush(): Promise<void> {
    const scope = this.current();
    const events = [...scope.aggregates.splice(0).flatMap((aggregate) => aggregate.pullEvents()), ...scope.events.splice(0)];
    await this.recorder.record(events);
  }

  private current(): Scope {
    const scope = this.scope.getStore();
    if (!scope) throw new Error('No unit of work: this must run inside a command (or UnitOfWork.run).');
    return scope;
  }
}
