import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { HandOffOrderCommand } from './hand-off-order.command.js';

@CommandHandler(HandOffOrderCommand)
export class HandOffOrderHandler implements ICommandHandler<HandOffOrderCommand> {
  constructor(private readonly orders: OrderRepository) {}

  async execute({ actor, orderId }: HandOffOrderCommand): Promise<{ handedOffAt: string }> {
    // Locked: a payment being undone cannot slip in between the check and the hand-off.
    const order = await this.orders.get(orderId, { lock: 'update' });
    assertCanSeeOrder(actor, order);
    const now = new Date();
    order.handOff(actor.id, now, await this.orders.pendingProposals(orderId));
    await assertSaved(await this.orders.save(order), 'order', undefined, () => undefined);
    return { handedOffAt: now.toISOString() };
  }
}
