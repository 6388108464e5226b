import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { ListGroupsQuery } from './list-groups.query.js';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery> {
  constructor(private readonly tagging: TaggingRepository) {}

  execute() {
    return this.tagging.listGroups();
  }
}
