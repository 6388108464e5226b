import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { CustomerView } from '../customer-view.js';

/** One customer, if the caller may see it (404 otherwise). */
export class GetCustomerQuery extends Query<CustomerView> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
  ) {
    super();
  }
}
