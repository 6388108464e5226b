import { Query } from '@nestjs/cqrs';
import type { Page } from '@crm/platform';
import type { PipelineView } from '../pipeline-view.js';

/** Every pipeline, the default first, then in the order they were made. */
export class ListPipelinesQuery extends Query<Page<PipelineView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
