import type { Actor } from '@crm/platform';
import { assertSaved } from '@crm/platform';
import { v7 as uuidv7 } from 'uuid';
import type { MatchDecision } from '../domain/bank-matching.js';
import { BankErrors } from '../domain/bank.errors.js';
import type { BankRepository, BankTransaction } from '../infrastructure/bank.repository.js';
import type { OrderRepository } from '../infrastructure/order.repository.js';
import { assertCanSeeOrder } from './order-access.js';

/**
 * Applies a match to the order, under its row lock: the transaction becomes a payment in force and
 * the order's paid amount grows, with the rule and confidence recorded. False when the order no
 * longer owes what an automatic rule assumed (someone paid in between): the caller falls back.
 */
export async function applyMatch(
  orders: OrderRepository,
  bank: BankRepository,
  transaction: BankTransaction,
  decision: MatchDecision & { status: 'matched' },
  options: { actor: Actor | null; allowOverpayment: boolean; automatic: boolean; firstResult?: Record<string, unknown> },
): Promise<boolean> {
  const order = await orders.get(decision.orderId, { lock: 'update' });
  if (options.actor) assertCanSeeOrder(options.actor, order);
  if (!order) return false;
  const state = order.snapshot();
  if (state.status === 'handed-off') throw BankErrors.orderHandedOff();
  if (state.currency !== transaction.currency) throw BankErrors.currencyMismatch();
  if (options.automatic && order.openAmount !== transaction.amount) return false;
  const payment = {
    id: uuidv7(),
    amount: transaction.amount,
    paidOn: transaction.bookedOn,
    method: '银行转账',
    payer: transaction.payerName,
    reference: transaction.reference,
    source: 'bank' as const,
    bankTransactionId: transaction.id,
    rule: decision.rule,
    confidence: decision.confidence,
    recordedBy: options.actor?.id ?? null,
  };
  order.addPayment(payment, { allowOverpayment: options.allowOverpayment });
  const now = new Date();
  await orders.insertPayment(state.id, payment, now);
  await assertSaved(await orders.save(order), 'order', undefined, () => undefined);
  await bank.setMatch(transaction.id, decision, payment.id, options.actor?.id ?? null, now, options.firstResult);
  return true;
}
