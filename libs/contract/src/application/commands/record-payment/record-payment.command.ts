import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface RecordPaymentInput {
  amount: string;
  paidOn: string;
  /** 银行转账 / 现金 / 支票 / 线上支付…; free text. */
  method: string;
  payer: string;
  reference: string | null;
  /** An amount beyond the open amount is refused unless finance confirms the over-payment [超额回款]. */
  allowOverpayment: boolean;
}

/** Finance records a payment [回款登记] against an order; partial payments are fine. */
export class RecordPaymentCommand extends Command<{ paymentId: string; paid: string; paymentStatus: string }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    readonly input: RecordPaymentInput,
  ) {
    super();
  }
}
