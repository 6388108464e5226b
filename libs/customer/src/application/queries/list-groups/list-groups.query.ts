import { Query } from '@nestjs/cqrs';

/** Customer groups with their sizes. */
export class ListGroupsQuery extends Query<{ id: string; name: string; members: number }[]> {}
