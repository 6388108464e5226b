import { Query } from '@nestjs/cqrs';

export interface CustomerContactRef {
  contactId: string;
  customerId: string;
  name: string;
}

/**
 * A contact currently working at a customer, named by id or found by phone [手机号] (any way it is
 * typed). Not scoped to a caller: the asking context checks the customer first (tickets filed by
 * staff) or knows it from a verified order (self-service). Null when there is no such link.
 */
export class FindCustomerContactQuery extends Query<CustomerContactRef | null> {
  constructor(readonly selection: { customerId: string; contactId: string } | { customerId: string; phone: string }) {
    super();
  }
}
