import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { money } from '../../../domain/order-money.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { RecordPaymentCommand } from './record-payment.command.js';

@CommandHandler(RecordPaymentCommand)
export class RecordPaymentHandler implements ICommandHandler<RecordPaymentCommand> {
  constructor(private readonly orders: OrderRepository) {}

  async execute({ actor, orderId, input }: RecordPaymentCommand): Promise<{ paymentId: string; paid: string; paymentStatus: string }> {
    // The row lock queues concurrent payments on one order: each sees the previous one's total, none over-reconciles.
    const order = await this.orders.get(orderId, { lock: 'update' });
    assertCanSeeOrder(actor, order);
    const payment = {
      id: uuidv7(),
      amount: money(input.amount),
      paidOn: input.paidOn,
      method: input.method,
      payer: input.payer,
      reference: input.reference,
      source: 'manual' as const,
      bankTransactionId: null,
      rule: 'manual',
      confidence: '1.00',
      recordedBy: actor.id,
    };
    order.addPayment(payment, { allowOverpayment: input.allowOverpayment });
    await this.orders.insertPayment(orderId, payment, new Date());
    await assertSaved(await this.orders.save(order), 'order', undefined, () => undefined);
    return { paymentId: payment.id, paid: order.snapshot().paid, paymentStatus: order.paymentStatus };
  }
}
