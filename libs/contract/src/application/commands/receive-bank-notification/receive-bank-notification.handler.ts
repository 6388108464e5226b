import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { normalizeCompanyName } from '@crm/kernel';
import { ProblemException } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import { decideMatch, orderNumbersIn, UNMATCHED, type MatchDecision } from '../../../domain/bank-matching.js';
import { money } from '../../../domain/order-money.js';
import { BankNotificationLimiter } from '../../../infrastructure/bank-notification-limiter.js';
import { BankRepository } from '../../../infrastructure/bank.repository.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { applyMatch } from '../../bank-reconciliation.js';
import { isValidBankSignature } from '../../bank-signature.js';
import { ReceiveBankNotificationCommand, type BankNotificationResult } from './receive-bank-notification.command.js';

@CommandHandler(ReceiveBankNotificationCommand)
export class ReceiveBankNotificationHandler implements ICommandHandler<ReceiveBankNotificationCommand> {
  constructor(
    private readonly bank: BankRepository,
    private readonly orders: OrderRepository,
    private readonly limits: BankNotificationLimiter,
  ) {}

  async execute({ bankAccountId, notification, signed }: ReceiveBankNotificationCommand): Promise<BankNotificationResult> {
    const account = await this.bank.findAccount(bankAccountId);
    // An unknown account and a wrong signature answer alike: the caller learns nothing.
    if (!account || !isValidBankSignature(account.secret, signed.timestamp, signed.signature, signed.rawBody, new Date())) {
      throw new ProblemException(401, 'BANK.SIGNATURE_INVALID', 'The notification is not signed by a registered bank account (X-Bank-Signature).');
    }
    // Counted only once the signature holds: nobody else can spend the account's budget.
    await this.limits.forAccount(account.id);
    const id = uuidv7();
    const amount = money(notification.amount);
    const payerKey = normalizeCompanyName(notification.payerName);
    // The unique (bank, transaction id) makes a replay, even a concurrent one, wait here and then find the first.
    const stored = { id, bankAccountId, ...notification, amount, payerKey, receivedAt: new Date() };
    if (!(await this.bank.insertTransaction(stored))) {
      return this.bank.firstResultOf<BankNotificationResult>(bankAccountId, notification.transactionId);
    }
    // Inserted by this transaction, so already held until commit.
    const transaction = {
      ...stored,
      status: 'unmatched' as const,
      orderId: null,
      paymentId: null,
      rule: null,
      confidence: null,
      matchedBy: null,
      matchedAt: null,
      firstResult: {},
    };

    const byReference = await this.bank.ordersByNumber(orderNumbersIn(notification.reference));
    const byPayer = await this.bank.ordersOfPayer(payerKey, amount, account.tolerance, notification.currency);
    let decision: MatchDecision = decideMatch(amount, byReference, byPayer, account.tolerance);
    if (decision.status === 'matched') {
      // Checked again under the order's lock: if someone paid in between, it goes to finance instead.
      const applied = await applyMatch(
        this.orders,
        this.bank,
        transaction,
        { ...decision, status: 'matched' },
        { actor: null, allowOverpayment: false, automatic: true },
      );
      if (!applied) decision = UNMATCHED;
    }
    const result: BankNotificationResult = {
      id,
      transactionId: notification.transactionId,
      status: decision.status,
      orderId: decision.orderId,
      orderNumber: [...byReference, ...byPayer].find((candidate) => candidate.orderId === decision.orderId)?.number ?? null,
      rule: decision.rule,
      confidence: decision.confidence,
    };
    if (decision.status === 'matched') await this.bank.setFirstResult(id, { ...result });
    else await this.bank.setMatch(id, decision, null, null, null, { ...result });
    return result;
  }
}
