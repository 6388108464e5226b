import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export const ORDER_SUBJECT = 'order';

/** Submits an order for approval [提交审批] through the Approval context (subject type `order`). */
export class SubmitOrderCommand extends Command<{ approvalRequestId: string; approverIds: string[] }> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
    readonly ifMatch?: number,
  ) {
    super();
  }
}
