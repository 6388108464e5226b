import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost, type Page } from '@crm/platform';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { selectCustomers } from '../customer-selection.js';
import type { CustomerView } from '../customer-view.js';
import { ListGroupMembersQuery } from './list-group-members.query.js';

@QueryHandler(ListGroupMembersQuery)
export class ListGroupMembersHandler implements IQueryHandler<ListGroupMembersQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly tagging: TaggingRepository,
  ) {}

  async execute({ actor, groupId, limit, cursor }: ListGroupMembersQuery): Promise<Page<CustomerView>> {
    if (!(await this.tagging.findGroup(groupId))) throw TaggingErrors.groupNotFound();
    return selectCustomers(
      this.tx,
      actor,
      (params) => [`EXISTS (SELECT 1 FROM customer.group_members m WHERE m.customer_id = c.id AND m.group_id = ${params.add(groupId)}::uuid)`],
      limit,
      cursor,
    );
  }
}
