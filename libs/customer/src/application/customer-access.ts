import { DataScope, type Actor, type ScopedColumns, type SqlParams } from '@crm/platform';
import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerErrors } from '../domain/customer.errors.js';

/**
 * Who sees and who works a customer. Anyone who may read customers sees those in the public
 * pool [公海] (wholly or partly unheld); a held customer is visible only when its owner or one of
 * its partial holders is within the caller's data scope. Invisible means 404, never 403, so ids
 * cannot be probed.
 */
const customerColumns = (alias: string): ScopedColumns => ({ owner: `${alias}.owner_id`, holders: `${alias}.co_holder_ids`, unownedVisible: true });

export function readableCustomersPredicate(actor: Actor, params: SqlParams, alias = 'c'): string {
  return DataScope.of(actor).sql(customerColumns(alias), params);
}

/**
 * The same rule as disjoint branches (held within scope; the pool; partly held within scope), so
 * a list runs each branch on its own index and merges them instead of filtering a scan.
 */
export function readableCustomerBranches(actor: Actor, params: SqlParams, alias = 'c'): string[] {
  return DataScope.of(actor).branches(customerColumns(alias), params);
}

export function canReadCustomer(actor: Actor, customer: Customer | undefined): customer is Customer {
  return customer !== undefined && DataScope.of(actor).allows({ ownerId: customer.ownerId, holderIds: customer.holderIds }, { unownedVisible: true });
}

/** Loaded customers the caller may change: visible, and held (wholly or partly) within scope. */
export function assertCanWork(actor: Actor, customer: Customer | undefined): asserts customer is Customer {
  if (!canReadCustomer(actor, customer)) throw CustomerErrors.notFound();
  if (!DataScope.of(actor).allows({ ownerId: customer.ownerId, holderIds: customer.holderIds })) throw CustomerErrors.notOwned();
}
