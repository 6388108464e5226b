import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/** The Approval context's subject type of reduction orders [减单]. */
export const ORDER_REDUCTION_SUBJECT = 'order-reduction';

/** Asks to take lines of an approved order back [减单 / 退货]; it goes to approval at once. */
export class RequestOrderReductionCommand extends Command<{ id: string }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    readonly input: { reason: string; lines: { lineIndex: number; quantity: string }[] },
  ) {
    super();
  }
}
