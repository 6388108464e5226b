import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { BankErrors } from '../../../domain/bank.errors.js';
import { OrderErrors } from '../../../domain/order.errors.js';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { applyMatch } from '../../bank-reconciliation.js';
import { MatchBankTransactionCommand } from './match-bank-transaction.command.js';

@CommandHandler(MatchBankTransactionCommand)
export class MatchBankTransactionHandler implements ICommandHandler<MatchBankTransactionCommand> {
  constructor(
    private readonly bank: BankRepository,
    private readonly orders: OrderRepository,
  ) {}

  async execute({
    actor,
    transactionId,
    orderId,
    allowOverpayment,
  }: MatchBankTransactionCommand): Promise<{ paymentId: string; orderId: string; rule: string }> {
    const transaction = await this.bank.findForUpdate(transactionId);
    if (!transaction) throw BankErrors.transactionNotFound();
    if (transaction.status === 'matched') throw BankErrors.notMatchable(transaction.status);
    const target = orderId ?? (transaction.status === 'proposed' ? transaction.orderId : null);
    if (!target) throw OrderErrors.notFound();
    const rule = transaction.status === 'proposed' && target === transaction.orderId ? `confirmed:${transaction.rule}` : 'manual';
    const decision = { status: 'matched' as const, orderId: target, rule: rule as never, confidence: '1.00' };
    if (!(await applyMatch(this.orders, this.bank, transaction, decision, { actor, allowOverpayment, automatic: false }))) throw OrderErrors.notFound();
    const matched = (await this.bank.findForUpdate(transactionId))!;
    return { paymentId: matched.paymentId!, orderId: target, rule };
  }
}
