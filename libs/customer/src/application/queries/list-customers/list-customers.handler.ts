import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, SqlParams, toPage, TransactionHost, type Page } from '@crm/platform';
import type { CustomerRow } from '../../../infrastructure/customer.mapper.js';
import { readableCustomerBranches } from '../../customer-access.js';
import { CUSTOMER_VIEW_COLUMNS, toCustomerView, type CustomerView } from '../customer-view.js';
import { ListCustomersQuery } from './list-customers.query.js';

const EXACT_FILTERS = {
  ownerId: 'owner_id',
  status: 'status',
  kind: 'kind',
  type: 'type',
  size: 'size',
  grade: 'grade',
  industry: 'industry',
  province: 'province',
  city: 'city',
} as const;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

@QueryHandler(ListCustomersQuery)
export class ListCustomersHandler implements IQueryHandler<ListCustomersQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ actor, filters, limit, cursor }: ListCustomersQuery): Promise<Page<CustomerView>> {
    const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const params = new SqlParams();
    const where: string[] = [];
    for (const [filter, column] of Object.entries(EXACT_FILTERS)) {
      const value = filters[filter as keyof typeof EXACT_FILTERS];
      if (value !== undefined) where.push(`c.${column} = ${params.add(value)}`);
    }
    if (filters.q) {
      const pattern = params.add(`%${escapeLike(filters.q)}%`);
      where.push(`(c.name ILIKE ${pattern} OR c.short_name ILIKE ${pattern})`);
    }
    if (afterId) where.push(`c.id < ${params.add(afterId)}::uuid`);
    const limitParam = params.add(limit + 1);
    const branches = readableCustomerBranches(actor, params).map(
      (visible) => `(SELECT ${CUSTOMER_VIEW_COLUMNS} FROM customer.customers c
                      WHERE ${[visible, ...where].join(' AND ')} ORDER BY c.id DESC LIMIT ${limitParam})`,
    );
    const rows = await this.tx.query<CustomerRow>(
      `SELECT * FROM (${branches.join(' UNION ALL ')}) AS visible ORDER BY id DESC LIMIT ${limitParam}`,
      params.values,
    );
    return toPage(rows, limit, (row) => [row.id], toCustomerView);
  }
}
