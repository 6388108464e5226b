import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { ReductionLine } from '../../../domain/order-reduction.js';
import type { ReductionStatus } from '../../../infrastructure/order-reduction.store.js';

export interface OrderReductionView {
  id: string;
  orderId: string;
  status: ReductionStatus;
  reason: string;
  amount: string;
  lines: ReductionLine[];
  approvalRequestId: string | null;
  lapseCode: string | null;
  createdBy: string;
  createdAt: string;
  decidedAt: string | null;
}

/** The reduction orders [减单] of an order the caller sees, oldest first. */
export class ListOrderReductionsQuery extends Query<OrderReductionView[]> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
  ) {
    super();
  }
}
