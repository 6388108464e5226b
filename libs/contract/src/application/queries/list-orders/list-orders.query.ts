import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { OrderStatus } from '../../../domain/order.aggregate.js';
import type { OrderView } from '../order-view.js';

/** Orders in the caller's data scope, newest first; of one customer, contract or status when asked. */
export class ListOrdersQuery extends Query<Page<Omit<OrderView, 'lines'>>> {
  constructor(
    readonly actor: Actor,
    readonly filter: { customerId?: string; contractId?: string; status?: OrderStatus },
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
