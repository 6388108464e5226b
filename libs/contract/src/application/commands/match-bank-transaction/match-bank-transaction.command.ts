import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Finance matches a queued transaction to an order by hand [手工匹配], or confirms a proposed match
 * (no order given). Recorded with rule `manual` (or `confirmed:<rule>`) and confidence 1.00.
 */
export class MatchBankTransactionCommand extends Command<{ paymentId: string; orderId: string; rule: string }> {
  constructor(
    readonly actor: Actor,
    readonly transactionId: string,
    readonly orderId: string | null,
    readonly allowOverpayment: boolean,
  ) {
    super();
  }
}
