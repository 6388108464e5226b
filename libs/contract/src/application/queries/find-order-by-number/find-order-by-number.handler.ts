import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { FindOrderByNumberQuery, type OrderReference } from './find-order-by-number.query.js';

@QueryHandler(FindOrderByNumberQuery)
export class FindOrderByNumberHandler implements IQueryHandler<FindOrderByNumberQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ number }: FindOrderByNumberQuery): Promise<OrderReference | null> {
    const row = await this.tx.queryOne<OrderReference>(
      `SELECT id AS "orderId", number, customer_id AS "customerId", contract_id AS "contractId", status FROM contract.orders WHERE number = $1`,
      [number.trim()],
    );
    return row ?? null;
  }
}
