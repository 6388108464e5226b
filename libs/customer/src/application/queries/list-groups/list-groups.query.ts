import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';

export interface GroupView {
  id: string;
  name: string;
  members: number;
}

/** Customer groups with their sizes, by name, a page at a time. */
export class ListGroupsQuery extends Query<Page<GroupView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
