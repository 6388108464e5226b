import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { DataScope, SqlParams, TransactionHost } from '@crm/platform';
import { FindWorkableCustomersQuery } from './find-workable-customers.query.js';

@QueryHandler(FindWorkableCustomersQuery)
export class FindWorkableCustomersHandler implements IQueryHandler<FindWorkableCustomersQuery> {
  constructor(private readonly tx: TransactionHost) {}

  execute({ actor, selection }: FindWorkableCustomersQuery): Promise<{ id: string; name: string }[]> {
    if (selection.ids.length === 0 && selection.names.length === 0) return Promise.resolve([]);
    const params = new SqlParams();
    // The same rule as assertCanWork: held within scope (the public pool [公海] is seen, not worked).
    const works = DataScope.of(actor).sql({ owner: 'c.owner_id', holders: 'c.co_holder_ids' }, params);
    return this.tx.query<{ id: string; name: string }>(
      `SELECT c.id, c.name FROM customer.customers c
        WHERE (c.id = ANY(${params.add(selection.ids)}::uuid[]) OR c.name = ANY(${params.add(selection.names)}::text[])) AND ${works}`,
      params.values,
    );
  }
}
