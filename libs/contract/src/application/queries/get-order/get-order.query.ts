import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { OrderView } from '../order-view.js';

/** One order with its lines and payment status, if the caller may see it (404 otherwise). */
export class GetOrderQuery extends Query<OrderView> {
  constructor(
    readonly actor: Actor,
    readonly orderId: string,
  ) {
    super();
  }
}
