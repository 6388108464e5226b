import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';

export interface BankTransactionView {
  id: string;
  bankAccountId: string;
  transactionId: string;
  amount: string;
  currency: string;
  payerName: string;
  reference: string;
  bookedOn: string;
  receivedAt: string;
  status: 'matched' | 'proposed' | 'unmatched';
  orderId: string | null;
  orderNumber: string | null;
  paymentId: string | null;
  rule: string | null;
  confidence: string | null;
  matchedBy: string | null;
  matchedAt: string | null;
}

/** Finance's queue [待匹配队列]: bank transactions by status, newest first. */
export class ListBankTransactionsQuery extends Query<Page<BankTransactionView>> {
  constructor(
    readonly status: 'matched' | 'proposed' | 'unmatched' | undefined,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
