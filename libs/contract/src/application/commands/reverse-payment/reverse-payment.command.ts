import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** Reverses a payment finance recorded by hand [回款冲销], with a reason. */
export class ReversePaymentCommand extends Command<{ paymentId: string; paid: string; paymentStatus: string }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    readonly paymentId: string,
    readonly reason: string,
  ) {
    super();
  }
}
