import { canSeeOwner, visibleOwnersOf, type Actor, type SqlParams } from '@crm/platform';
import type { Customer } from '../domain/customer.aggregate.js';
import { CustomerErrors } from '../domain/customer.errors.js';

/**
 * Who sees and who works a customer. Anyone who may read customers sees those in the public
 * pool [公海] (wholly or partly unheld); a held customer is visible only when its owner or one of
 * its partial holders is within the caller's data scope. Invisible means 404, never 403, so ids
 * cannot be probed.
 */
export function readableCustomersPredicate(actor: Actor, params: SqlParams, alias = 'c'): string {
  const owners = visibleOwnersOf(actor);
  if (owners === null) return 'TRUE';
  const ids = params.add(owners);
  return `(${alias}.owner_id IS NULL OR ${alias}.owner_id = ANY(${ids}::uuid[]) OR ${alias}.co_holder_ids && ${ids}::uuid[])`;
}

/**
 * The same rule as disjoint branches (held within scope; the pool; partly held within scope), so
 * a list runs each branch on its own index and merges them instead of filtering a scan.
 */
export function readableCustomerBranches(actor: Actor, params: SqlParams, alias = 'c'): string[] {
  const owners = visibleOwnersOf(actor);
  if (owners === null) return ['TRUE'];
  const ids = params.add(owners);
  const ownedInScope = owners.length === 1 ? `${alias}.owner_id = (${ids}::uuid[])[1]` : `${alias}.owner_id = ANY(${ids}::uuid[])`;
  return [
    ownedInScope,
    `${alias}.owner_id IS NULL`,
    `${alias}.co_holder_ids && ${ids}::uuid[] AND cardinality(${alias}.co_holder_ids) > 0 AND ${alias}.owner_id IS NOT NULL AND NOT (${ownedInScope})`,
  ];
}

function holdsWithinScope(actor: Actor, customer: Customer): boolean {
  return customer.holderIds.some((holderId) => canSeeOwner(actor, holderId));
}

export function canReadCustomer(actor: Actor, customer: Customer): boolean {
  return customer.ownerId === null || canSeeOwner(actor, null) || holdsWithinScope(actor, customer);
}

/** Loaded customers the caller may change: visible, and held (wholly or partly) within scope. */
export function assertCanWork(actor: Actor, customer: Customer | undefined): asserts customer is Customer {
  if (!customer || !canReadCustomer(actor, customer)) throw CustomerErrors.notFound();
  if (!canSeeOwner(actor, null) && !holdsWithinScope(actor, customer)) throw CustomerErrors.notOwned();
}
