import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, toPage, type Page } from '@crm/platform';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { ListGroupsQuery, type GroupView } from './list-groups.query.js';

@QueryHandler(ListGroupsQuery)
export class ListGroupsHandler implements IQueryHandler<ListGroupsQuery> {
  constructor(private readonly tagging: TaggingRepository) {}

  async execute({ limit, cursor }: ListGroupsQuery): Promise<Page<GroupView>> {
    const [after] = (decodeCursor(cursor, ['string']) ?? []) as [string?];
    const rows = await this.tagging.listGroups(limit + 1, after);
    return toPage(
      rows,
      limit,
      (row) => [row.sortKey],
      ({ id, name, members }) => ({ id, name, members }),
    );
  }
}
