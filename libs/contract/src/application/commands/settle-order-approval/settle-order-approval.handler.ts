import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { SettleOrderApprovalCommand } from './settle-order-approval.command.js';

@CommandHandler(SettleOrderApprovalCommand)
export class SettleOrderApprovalHandler implements ICommandHandler<SettleOrderApprovalCommand> {
  constructor(private readonly orders: OrderRepository) {}

  async execute({ orderId, approvalRequestId, outcome }: SettleOrderApprovalCommand): Promise<void> {
    const order = await this.orders.get(orderId, { lock: 'update' });
    // An outcome about an older request (or a redelivered one) changes nothing.
    if (!order || !order.awaits(approvalRequestId)) return;
    if (outcome === 'granted') order.approve();
    else order.closeApproval(outcome);
    await assertSaved(await this.orders.save(order), 'order', undefined, () => undefined);
  }
}
