import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { ListCustomerSummariesQuery, type CustomerSummary } from './list-customer-summaries.query.js';

const COLUMNS = `id, name, kind, grade, industry, province, city`;

@QueryHandler(ListCustomerSummariesQuery)
export class ListCustomerSummariesHandler implements IQueryHandler<ListCustomerSummariesQuery> {
  constructor(private readonly tx: TransactionHost) {}

  execute({ selection }: ListCustomerSummariesQuery): Promise<CustomerSummary[]> {
    if ('ids' in selection) {
      if (selection.ids.length === 0) return Promise.resolve([]);
      return this.tx.query<CustomerSummary>(`SELECT ${COLUMNS} FROM customer.customers WHERE id = ANY($1::uuid[])`, [selection.ids]);
    }
    return this.tx.query<CustomerSummary>(`SELECT ${COLUMNS} FROM customer.customers WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`, [
      selection.afterId,
      selection.limit,
    ]);
  }
}
