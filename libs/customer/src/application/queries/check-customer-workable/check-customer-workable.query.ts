import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Succeeds when the caller may change things about this customer (held within their scope);
 * otherwise the same 404 / 403 `CUSTOMER.NOT_OWNED` the Customer context itself answers.
 */
export class CheckCustomerWorkableQuery extends Query<void> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
  ) {
    super();
  }
}
