import { Command } from '@nestjs/cqrs';

export interface BankNotification {
  transactionId: string;
  amount: string;
  currency: string;
  payerName: string;
  reference: string;
  bookedOn: string;
}

/** What the bank was answered; a replay of the same transaction id answers the same. */
export interface BankNotificationResult {
  id: string;
  transactionId: string;
  status: 'matched' | 'proposed' | 'unmatched';
  orderId: string | null;
  orderNumber: string | null;
  rule: string | null;
  confidence: string | null;
}

/**
 * A bank tells of money received [到账通知]: stored once per bank transaction id (a replay answers
 * the first result) once its signature is checked, then matched by the reconciliation rules in order.
 */
export class ReceiveBankNotificationCommand extends Command<BankNotificationResult> {
  constructor(
    readonly bankAccountId: string,
    readonly notification: BankNotification,
    /** As received: `X-Bank-Timestamp`, `X-Bank-Signature` and the raw body they sign. */
    readonly signed: { timestamp: string | undefined; signature: string | undefined; rawBody: Buffer },
  ) {
    super();
  }
}
