import { DataScope, type Actor, type SqlParams } from '@crm/platform';
import type { Order } from '../domain/order.aggregate.js';
import { OrderErrors } from '../domain/order.errors.js';

/**
 * Who sees and works an order [数据权限]: its owner (the salesperson who created it) and the owner's
 * team, department or everyone by the caller's role (finance sees all). Invisible is 404, exactly like missing.
 */
export function visibleOrdersPredicate(actor: Actor, params: SqlParams, alias = 'o'): string {
  return DataScope.of(actor).sql({ owner: `${alias}.owner_id` }, params);
}

export function assertCanSeeOrder(actor: Actor, order: Order | undefined): asserts order is Order {
  if (!order || !DataScope.of(actor).allows({ ownerId: order.ownerId })) throw OrderErrors.notFound();
}
