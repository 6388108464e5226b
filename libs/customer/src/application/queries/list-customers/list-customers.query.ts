import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { CustomerKind, CustomerSize, CustomerStatus, CustomerType } from '../../../domain/customer.types.js';
import type { CustomerView } from '../customer-view.js';

export interface CustomerFilters {
  ownerId?: string;
  status?: CustomerStatus;
  kind?: CustomerKind;
  type?: CustomerType;
  size?: CustomerSize;
  grade?: string;
  industry?: string;
  province?: string;
  city?: string;
  /** Text in the name or short name. */
  q?: string;
}

/** Customers the caller may see, newest first, keyset-paginated. */
export class ListCustomersQuery extends Query<Page<CustomerView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: CustomerFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
