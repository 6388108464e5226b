import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TaggingRepository, type TagRecord } from '../../../infrastructure/tagging.repository.js';
import { ListTagsQuery } from './list-tags.query.js';

@QueryHandler(ListTagsQuery)
export class ListTagsHandler implements IQueryHandler<ListTagsQuery> {
  constructor(private readonly tagging: TaggingRepository) {}

  execute(): Promise<TagRecord[]> {
    return this.tagging.listTags();
  }
}
