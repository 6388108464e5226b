import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { CustomerTagRecord } from '../../../infrastructure/tagging.repository.js';

/** A customer's tags with how often each was applied. */
export class ListCustomerTagsQuery extends Query<CustomerTagRecord[]> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
  ) {
    super();
  }
}
