import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { OrderErrors } from '../../../domain/order.errors.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { ReversePaymentCommand } from './reverse-payment.command.js';

@CommandHandler(ReversePaymentCommand)
export class ReversePaymentHandler implements ICommandHandler<ReversePaymentCommand> {
  constructor(private readonly orders: OrderRepository) {}

  async execute({ actor, orderId, paymentId, reason }: ReversePaymentCommand): Promise<{ paymentId: string; paid: string; paymentStatus: string }> {
    // Under the order's row lock, like recording: a reversal and a payment (or two reversals) never interleave.
    const order = await this.orders.get(orderId, { lock: 'update' });
    assertCanSeeOrder(actor, order);
    const payment = await this.orders.findPayment(orderId, paymentId);
    if (!payment) throw OrderErrors.paymentNotFound();
    if (payment.reversedAt) throw OrderErrors.paymentReversed();
    if (payment.source === 'bank') throw OrderErrors.paymentFromBank();
    if (order.snapshot().status === 'handed-off') throw OrderErrors.paymentOfHandedOffOrder();
    const trimmed = reason.trim();
    order.reversePayment(
      { id: payment.id, amount: payment.amount, paidOn: payment.paidOn, source: 'manual', bankTransactionId: null, rule: payment.rule },
      trimmed,
    );
    await this.orders.markReversed(payment.id, actor.id, trimmed, new Date());
    await assertSaved(await this.orders.save(order), 'order', undefined, () => undefined);
    return { paymentId: payment.id, paid: order.snapshot().paid, paymentStatus: order.paymentStatus };
  }
}
