import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

/**
 * Which of these contacts currently work at this customer (an active link, not deleted) as the caller may see
 * them: all of those when the caller sees the customer, none otherwise. Other contexts check the contact ids
 * a caller sends them with it (an opportunity's contacts, the people met on a visit).
 */
export class FilterCustomerContactsQuery extends Query<string[]> {
  constructor(
    readonly actor: Actor,
    readonly customerId: string,
    readonly contactIds: readonly string[],
  ) {
    super();
  }
}
