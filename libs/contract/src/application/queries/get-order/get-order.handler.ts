import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OrderRepository } from '../../../infrastructure/order.repository.js';
import { assertCanSeeOrder } from '../../order-access.js';
import { toOrderView, type OrderView } from '../order-view.js';
import { GetOrderQuery } from './get-order.query.js';

@QueryHandler(GetOrderQuery)
export class GetOrderHandler implements IQueryHandler<GetOrderQuery> {
  constructor(private readonly orders: OrderRepository) {}

  async execute({ actor, orderId }: GetOrderQuery): Promise<OrderView> {
    const order = await this.orders.get(orderId);
    assertCanSeeOrder(actor, order);
    return toOrderView(order.snapshot());
  }
}
