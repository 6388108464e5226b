import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import type { OrderState } from '../../../domain/order.aggregate.js';
import { ORDER_COLUMNS } from '../../../infrastructure/order.repository.js';
import { visibleOrdersPredicate } from '../../order-access.js';
import { toOrderView, type OrderView } from '../order-view.js';
import { ListOrdersQuery } from './list-orders.query.js';

@QueryHandler(ListOrdersQuery)
export class ListOrdersHandler implements IQueryHandler<ListOrdersQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, filter, limit, cursor }: ListOrdersQuery): Promise<Page<Omit<OrderView, 'lines'>>> {
    const [afterId] = (decodeCursor(cursor, ['string']) ?? []) as [string?];
    const params = new SqlParams();
    const where = [visibleOrdersPredicate(actor, params)];
    if (filter.customerId) where.push(`o.customer_id = ${params.add(filter.customerId)}::uuid`);
    if (filter.contractId) where.push(`o.contract_id = ${params.add(filter.contractId)}::uuid`);
    if (filter.status) where.push(`o.status = ${params.add(filter.status)}`);
    if (afterId) where.push(`o.id < ${params.add(afterId)}::uuid`);
    const rows = await this.tx.query<Omit<OrderState, 'lines'>>(
      `SELECT ${ORDER_COLUMNS} FROM contract.orders o WHERE ${where.join(' AND ')} ORDER BY o.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    return toPage(
      rows,
      limit,
      (row) => [row.id],
      (row) => {
        const { lines: _lines, ...view } = toOrderView({ ...row, lines: [] });
        return view;
      },
    );
  }
}
