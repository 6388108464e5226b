import { Injectable } from '@nestjs/common';
import type { DomainEvent } from '@crm/kernel';
import { v7 as uuidv7 } from 'uuid';
import { RequestContext } from '../context/request-context.js';
import { TransactionHost } from '../database/transaction-host.js';
import { DispatchSignal } from './dispatch-signal.js';
import type { EventEnvelope } from './event-envelope.js';
import type { EventReactionHandler, SqlStatement } from './event-reaction.js';
import { EventReactions } from './event-reactions.registry.js';

/**
 * Writes events to the outbox inside the caller's transaction: the change and its events
 * commit together or not at all. In-transaction reactions (read copies that must be exact at
 * commit) run here, before commit; everything else is delivered after commit by the dispatcher.
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly tx: TransactionHost,
    private readonly signal: DispatchSignal,
    private readonly reactions: EventReactions,
  ) {}

  async record(events: readonly DomainEvent[]): Promise<string[]> {
    if (events.length === 0) return [];
    if (!this.tx.inTransaction) {
      throw new Error('Events must be recorded inside the transaction that made the change.');
    }
    const context = RequestContext.current();
    const occurredAt = new Date().toISOString();
    const envelopes: EventEnvelope[] = events.map((event) => ({
      id: uuidv7(),
      type: event.type,
      version: event.version,
      occurredAt,
      aggregateType: event.aggregateType,
      aggregateId: event.aggregateId,
      customerId: event.customerId ?? null,
      actor: context?.actorId ?? 'system',
      correlationId: context?.correlationId ?? null,
      causationId: context?.causationId ?? null,
      payload: event.payload as Record<string, unknown>,
    }));
    // One statement whatever the number of events: one array per column, so the text (and its plan) never grows with the batch.
    const insert = `INSERT INTO platform.events
         (id, type, version, occurred_at, aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload)
       SELECT id, type, version, clock_timestamp(), aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::uuid[], $6::uuid[], $7::text[], $8::text[], $9::text[], $10::jsonb[])
              WITH ORDINALITY AS e(id, type, version, aggregate_type, aggregate_id, customer_id, actor_id, correlation_id, causation_id, payload, position)
        ORDER BY position`;
    const params: unknown[] = [
      envelopes.map((event) => event.id),
      envelopes.map((event) => event.type),
      envelopes.map((event) => event.version),
      envelopes.map((event) => event.aggregateType),
      envelopes.map((event) => event.aggregateId),
      envelopes.map((event) => event.customerId),
      envelopes.map((event) => event.actor),
      envelopes.map((event) => event.correlationId),
      envelopes.map((event) => event.causationId),
      envelopes.map((event) => JSON.stringify(event.payload)),
    ];
    const { companions, others } = this.inTransactionReactions(envelopes);
    // The in-transaction reactions that give their writes as a statement go in with the events: one round trip.
    const withs = companions.map((statement, index) => {
      const offset = params.length;
      params.push(...statement.params);
      return `w${index} AS (${statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
    });
    await this.tx.query(withs.length === 0 ? insert : `WITH recorded AS (${insert} RETURNING 1), ${withs.join(', ')} SELECT count(*) FROM recorded`, params);
    for (const { handle, events } of others) await handle(events);
    this.tx.afterCommit(() => this.signal.wake());
    return envelopes.map((event) => event.id);
  }

  /**
   * Each in-transaction reaction gets the events it subscribes to, all at once: as a statement that
   * goes in with the events' INSERT when it gives one (`statementFor`), else through `handleAll`
   * (or `handle` per event) after it.
   */
  private inTransactionReactions(envelopes: readonly EventEnvelope[]): {
    companions: SqlStatement[];
    others: { handle: (events: EventEnvelope[]) => Promise<void>; events: EventEnvelope[] }[];
  } {
    const byReaction = new Map<EventReactionHandler, EventEnvelope[]>();
    for (const event of envelopes) {
      for (const { handler } of this.reactions.inTransactionFor(event.type)) {
        const events = byReaction.get(handler) ?? [];
        events.push(event);
        byReaction.set(handler, events);
      }
    }
    const companions: SqlStatement[] = [];
    const others: { handle: (events: EventEnvelope[]) => Promise<void>; events: EventEnvelope[] }[] = [];
    for (const [handler, events] of byReaction) {
      if (handler.statementFor) {
        const statement = handler.statementFor(events);
        if (statement) companions.push(statement);
        continue;
      }
      others.push({
        handle: async (all) => {
          if (handler.handleAll) await handler.handleAll(all);
          else for (const one of all) await handler.handle(one);
        },
        events,
      });
    }
    return { companions, others };
  }
}
