import { decodeCursor, SqlParams, toPage, TransactionHost, type Actor, type Page } from '@crm/platform';
import type { CustomerRow } from '../../infrastructure/customer.mapper.js';
import { readableCustomersPredicate } from '../customer-access.js';
import { CUSTOMER_VIEW_COLUMNS, toCustomerView, type CustomerView } from './customer-view.js';

/**
 * Customers matching extra predicates, limited to what the caller may see, newest first with
 * keyset pagination: the shared read for group members and segment results.
 */
export async function selectCustomers(
  tx: TransactionHost,
  actor: Actor,
  predicates: (params: SqlParams) => string[],
  limit: number,
  cursor?: string,
): Promise<Page<CustomerView>> {
  const [afterId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
  const params = new SqlParams();
  const where = [readableCustomersPredicate(actor, params), ...predicates(params)];
  if (afterId) where.push(`c.id < ${params.add(afterId)}::uuid`);
  const rows = await tx.query<CustomerRow>(
    `SELECT ${CUSTOMER_VIEW_COLUMNS} FROM customer.customers c WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  return toPage(rows, limit, (row) => [row.id], toCustomerView);
}
