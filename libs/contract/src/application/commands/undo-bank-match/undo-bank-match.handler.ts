import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { assertSaved } from '@crm/platform';
import { UNMATCHED } from '../../../domain/bank-matching.js';
import { BankErrors } from '../../../domain/bank.errors.js';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { UndoBankMatchCommand } from './undo-bank-match.command.js';

@CommandHandler(UndoBankMatchCommand)
export class UndoBankMatchHandler implements ICommandHandler<UndoBankMatchCommand> {
  constructor(
    private readonly bank: BankRepository,
    private readonly orders: OrderRepository,
  ) {}

  async execute({ actor, transactionId, reason }: UndoBankMatchCommand): Promise<void> {
    const transaction = await this.bank.findForUpdate(transactionId);
    if (!transaction) throw BankErrors.transactionNotFound();
    if (transaction.status === 'unmatched') throw BankErrors.notMatched(transaction.status);
    if (transaction.status === 'matched') {
      const order = await this.orders.get(transaction.orderId!, { lock: 'update' });
      assertCanSeeOrder(actor, order);
      if (order.snapshot().status === 'handed-off') throw BankErrors.orderHandedOff();
      const now = new Date();
      order.reversePayment(
        {
          id: transaction.paymentId!,
          amount: transaction.amount,
          paidOn: transaction.bookedOn,
          source: 'bank',
          bankTransactionId: transaction.id,
          rule: transaction.rule!,
        },
        reason,
      );
      await this.orders.markReversed(transaction.paymentId!, actor.id, reason, now);
      await assertSaved(await this.orders.save(order), 'order', undefined, () => undefined);
    }
    await this.bank.setMatch(transactionId, UNMATCHED, null, null, null);
  }
}
