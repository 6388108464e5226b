import { canSeeOwner, ownerScopePredicate, type Actor, type SqlParams } from '@crm/platform';
import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerErrors } from '../domain/customer.errors.js';

/**
 * Who sees and who works a customer. Anyone who may read customers sees those in the public
 * pool [公海]; a held customer is visible only within the caller's data scope, and invisible
 * means 404, never 403, so ids cannot be probed.
 */
export function readableCustomersPredicate(actor: Actor, params: SqlParams, alias = 'c'): string {
  const scope = ownerScopePredicate(actor, `${alias}.owner_id`, params);
  return scope === 'TRUE' ? 'TRUE' : `(${alias}.owner_id IS NULL OR ${scope})`;
}

/**
 * The same rule as disjoint branches (the caller's held customers; the pool), so a list can
 * run each branch on the (owner_id, id) index and merge them, instead of filtering a scan.
 */
export function readableCustomerBranches(actor: Actor, params: SqlParams, alias = 'c'): string[] {
  const scope = ownerScopePredicate(actor, `${alias}.owner_id`, params);
  return scope === 'TRUE' ? ['TRUE'] : [scope, `${alias}.owner_id IS NULL`];
}

export function canReadCustomer(actor: Actor, ownerId: string | null): boolean {
  return ownerId === null || canSeeOwner(actor, ownerId);
}

/** Loaded customers the caller may change: visible and held within scope. */
export function assertCanWork(actor: Actor, customer: Customer | undefined): asserts customer is Customer {
  if (!customer || !canReadCustomer(actor, customer.ownerId)) throw CustomerErrors.notFound();
  if (!canSeeOwner(actor, customer.ownerId)) throw CustomerErrors.notOwned();
}
