import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import { RequestContext } from '../context/request-context.js';
import { SqlParams } from '../database/sql-params.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';

/**
 * Writes events to the outbox inside the caller's transaction: the change and its events
 * commit together or not at all. Delivery happens after commit, by the dispatcher.
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DispatchSignal,
  ) {}

  async record(events: readonly DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    if (!this.tx.inTransaction) {
      throw new Error('Events must be recorded inside the transaction that made the change.');
    }
    const context = RequestContext.current();
    const params = new SqlParams();
    const ids: string[] = [];
    const rows = events.map((event) => {
      const id = uuidv7();
      ids.push(id);
      return `(${[
        params.add(id),
        params.add(`${event.type}.v${event.version}`),
        params.add(event.version),
        'clock_timestamp()',
        params.add(event.aggregateType),
        params.add(event.aggregateId),
        params.add(event.customerId ?? null),
        params.add(context?.actorId ?? 'system'),
        params.add(context?.correlationId ?? null),
        params.add(context?.causationId ?? null),
        params.add(JSON.stringify(event.payload)),
      ].join(', ')})`;
    });
    await this.tx.query(
      `INSERT INTO platform.events
         (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload)
       VALUES ${rows.join(', ')}`,
      params.values,
    );
    this.tx.afterCommit(() => this.signal.wake());
    return ids;
  }
}
