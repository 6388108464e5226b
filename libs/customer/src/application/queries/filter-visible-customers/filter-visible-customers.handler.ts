import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { readableCustomersPredicate } from '../../customer-access.js';
import { FilterVisibleCustomersQuery } from './filter-visible-customers.query.js';

@QueryHandler(FilterVisibleCustomersQuery)
export class FilterVisibleCustomersHandler implements IQueryHandler<FilterVisibleCustomersQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, customerIds }: FilterVisibleCustomersQuery): Promise<string[]> {
    if (customerIds.length === 0) return [];
    const params = new SqlParams();
    const rows = await this.tx.query<{ id: string }>(
      `SELECT c.id FROM customer.customers c WHERE c.id = ANY(${params.add(customerIds)}::uuid[]) AND ${readableCustomersPredicate(actor, params)}`,
      params.values,
    );
    return rows.map((row) => row.id);
  }
}
