import { Injectable } from '@nestjs/common';
import { PoolEvents } from '@crm/contracts/pool';
import { EventReaction, type EventEnvelope, type EventReactionHandler, type SqlStatement } from '@crm/platform';
import { CustomerRepository } from '../../infrastructure/customer.repository.js';

const HOLDER_EVENTS = [PoolEvents.customerProtected, PoolEvents.customerReleased, PoolEvents.customerTransferred, PoolEvents.customerRecycled];

/**
 * The Pool context's protections are the one record of who holds a customer. This keeps the
 * customer's read copy (owner, partial holders, status) that every data-scope query filters on,
 * inside the transaction that changed the protections, so a claim is visible the moment it
 * commits and a release hides the customer at once (docs/adr/0003-who-holds-a-customer.md).
 */
@Injectable()
@EventReaction({ consumer: 'customer.holders-projection', events: HOLDER_EVENTS, delivery: 'in-transaction' })
export class ProjectCustomerHoldersReaction implements EventReactionHandler {
  constructor(private readonly customers: CustomerRepository) {}

  handle(event: EventEnvelope): Promise<void> {
    return this.handleAll([event]);
  }

  async handleAll(events: readonly EventEnvelope[]): Promise<void> {
    await this.customers.setHolders(latestHolders(events));
  }

  /** The same update, sent by the recorder with the events themselves (one round trip). */
  statementFor(events: readonly EventEnvelope[]): SqlStatement | undefined {
    const holders = latestHolders(events);
    return holders.length > 0 ? this.customers.setHoldersStatement(holders) : undefined;
  }
}

/** Each customer's holders after the last of these events about it. */
function latestHolders(events: readonly EventEnvelope[]): { customerId: string; ownerId: string | null; coHolderIds: string[] }[] {
  const latest = new Map<string, { customerId: string; ownerId: string | null; coHolderIds: string[] }>();
  for (const event of events) {
    const holders = holdersOf(event);
    if (holders) latest.set(holders.customerId, holders);
  }
  return [...latest.values()];
}

function holdersOf(event: EventEnvelope) {
  for (const contract of HOLDER_EVENTS) {
    if (contract.matches(event)) return { customerId: event.payload.customerId, ...event.payload.holders };
  }
  return undefined;
}
