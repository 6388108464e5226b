import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderReductionStore } from '../../../infrastructure/order-reduction.store.js';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { ListOrderReductionsQuery, type OrderReductionView } from './list-order-reductions.query.js';

@QueryHandler(ListOrderReductionsQuery)
export class ListOrderReductionsHandler implements IQueryHandler<ListOrderReductionsQuery> {
  constructor(
    private readonly orders: OrderRepository,
    private readonly reductions: OrderReductionStore,
  ) {}

  async execute({ actor, orderId }: ListOrderReductionsQuery): Promise<OrderReductionView[]> {
    assertCanSeeOrder(actor, await this.orders.get(orderId));
    return (await this.reductions.list(orderId)).map((r) => ({
      ...r,
      createdAt: new Date(r.createdAt).toISOString(),
      decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    }));
  }
}
