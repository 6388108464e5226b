import { Command } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LineInput } from '../../../domain/order-lines.js';

export interface CreateOrderInput {
  customerId: string;
  opportunityId: string | null;
  contractId: string | null;
  priceListId: string;
  /** `YYYY-MM-DD`: prices are those of the list at this date. */
  orderDate: string;
  lines: LineInput[];
}

/** Creates an order [新建订单] for a customer the caller works, priced from a price list; the caller owns it. */
export class CreateOrderCommand extends Command<{ id: string; number: string }> {
  constructor(
    readonly actor: Actor,
    readonly input: CreateOrderInput,
  ) {
    super();
  }
}
