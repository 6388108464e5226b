import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface PaymentView {
  id: string;
  amount: string;
  paidOn: string;
  method: string;
  payer: string;
  reference: string | null;
  source: 'manual' | 'bank';
  bankTransactionId: string | null;
  /** The rule that reconciled it and how confident it was (manual: 1.00). */
  rule: string;
  confidence: string;
  recordedBy: string | null;
  recordedAt: string;
  reversedAt: string | null;
  reversalReason: string | null;
}

/** An order's payments [回款记录], reversed ones included, oldest first (404 when the order is not visible). */
export class ListOrderPaymentsQuery extends Query<PaymentView[]> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
  ) {
    super();
  }
}
