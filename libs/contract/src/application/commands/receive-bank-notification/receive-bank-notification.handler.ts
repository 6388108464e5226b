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
    const id = uuidv7();
    const amount = money(notification.amount);
    const payerKey = normalizeCompanyName(notification.payerName);
    // The unique (bank, transaction id) makes a replay, even a concurrent one, wait here and then find the first.
    const stored = { id, bankAccountId, ...notification, amount, payerKey, receivedAt: new Date() };
    // The account's budget is counted only once the signature holds (nobody else can spend it), on a
    // connection of its own, side by side with the insert: a refusal rolls the insert back.
    const [, inserted] = await Promise.all([this.limits.forAccount(account.id), this.bank.insertTransaction(stored)]);
    if (!inserted) {
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

    const { byReference, byPayer } = await this.bank.candidates(orderNumbersIn(notification.reference), {
      payerKey,
      amount,
      tolerance: account.tolerance,
      currency: notification.currency,
    });
    const answer = (decision: MatchDecision): BankNotificationResult => ({
      id,
      transactionId: notification.transactionId,
      status: decision.status,
      orderId: decision.orderId,
      orderNumber: [...byReference, ...byPayer].find((candidate) => candidate.orderId === decision.orderId)?.number ?? null,
      rule: decision.rule,
      confidence: decision.confidence,
    });
    let decision: MatchDecision = decideMatch(amount, byReference, byPayer, account.tolerance);
    if (decision.status === 'matched') {
      // Checked again under the order's lock: if someone paid in between, it goes to finance instead.
      // The answer kept for replays is written with the match, in the same statement.
      const matched = answer(decision);
      const applied = await applyMatch(
        this.orders,
        this.bank,
        transaction,
        { ...decision, status: 'matched' },
        { actor: null, allowOverpayment: false, automatic: true, firstResult: { ...matched } },
      );
      if (applied) return matched;
      decision = UNMATCHED;
    }
    const result = answer(decision);
    await this.bank.setMatch(id, decision, null, null, null, { ...result });
    return result;
  }
}
