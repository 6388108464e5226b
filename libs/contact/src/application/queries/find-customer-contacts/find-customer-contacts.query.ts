import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface CustomerContactRef {
  contactId: string;
  customerId: string;
  name: string;
}

/**
 * The contacts currently working at a customer (an active link, contact not deleted), named by ids or found by
 * phone [手机号] (any way it is typed). Other contexts check with it the contacts a caller names: an
 * opportunity's contacts, the people met on a visit, a ticket's contact, a self-service visitor.
 *
 * With an `actor`, only as that caller may see them: all of them when the caller sees the customer, none
 * otherwise. Without one, not scoped: the asking context has checked the customer itself (tickets filed by
 * staff) or knows it from a verified order (self-service).
 */
export class FindCustomerContactsQuery extends Query<CustomerContactRef[]> {
  constructor(
    readonly selection: { customerId: string; contactIds: readonly string[] } | { customerId: string; phone: string },
    readonly actor?: Actor,
  ) {
    super();
  }
}
