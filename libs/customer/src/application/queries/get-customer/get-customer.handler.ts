import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { CustomerErrors } from '../../../domain/customer.errors.js';
import type { CustomerRow } from '../../../infrastructure/customer.mapper.js';
import { readableCustomersPredicate } from '../../customer-access.js';
import { CUSTOMER_VIEW_COLUMNS, toCustomerView, type CustomerView } from '../customer-view.js';
import { GetCustomerQuery } from './get-customer.query.js';

@QueryHandler(GetCustomerQuery)
export class GetCustomerHandler implements IQueryHandler<GetCustomerQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, customerId }: GetCustomerQuery): Promise<CustomerView> {
    const params = new SqlParams();
    const row = await this.tx.queryOne<CustomerRow>(
      `SELECT ${CUSTOMER_VIEW_COLUMNS} FROM customer.customers c
        WHERE c.id = ${params.add(customerId)} AND ${readableCustomersPredicate(actor, params)}`,
      params.values,
    );
    if (!row) throw CustomerErrors.notFound();
    return toCustomerView(row);
  }
}
