import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CustomerEvents } from '@crm/contracts/customer';
import { EventReaction, type EventEnvelope, type EventReactionHandler } from '@crm/platform';
import { PlaceNewCustomerCommand } from '../commands/place-new-customer/place-new-customer.command.js';

/**
 * A new customer enters its pool in the transaction that creates it, and is held by whoever the
 * creator named when their roles may hold its grade, else an application is opened for them
 * (POOL-3): so the customer is visible to exactly the right people the moment it exists.
 */
@Injectable()
@EventReaction({ consumer: 'pool.place-new-customers', events: [CustomerEvents.created], delivery: 'in-transaction' })
export class PlaceNewCustomersReaction implements EventReactionHandler {
  constructor(private readonly commands: CommandBus) {}

  async handle(event: EventEnvelope): Promise<void> {
    if (!CustomerEvents.created.matches(event)) return;
    const { customerId, ownerId, createdBy, grade } = event.payload;
    await this.commands.execute(new PlaceNewCustomerCommand(customerId, grade, ownerId, createdBy));
  }
}
