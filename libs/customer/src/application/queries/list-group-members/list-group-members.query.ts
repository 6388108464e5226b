import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { CustomerView } from '../customer-view.js';

/** The customers of a group that the caller may see. */
export class ListGroupMembersQuery extends Query<Page<CustomerView>> {
  constructor(
    readonly actor: Actor,
    readonly groupId: string,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
