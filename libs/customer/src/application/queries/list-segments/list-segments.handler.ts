import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { ListSegmentsQuery, type SegmentView } from './list-segments.query.js';

@QueryHandler(ListSegmentsQuery)
export class ListSegmentsHandler implements IQueryHandler<ListSegmentsQuery> {
  constructor(private readonly tagging: TaggingRepository) {}

  async execute(): Promise<SegmentView[]> {
    return (await this.tagging.listSegments()).map((segment) => ({ ...segment, createdAt: new Date(segment.createdAt).toISOString() }));
  }
}
