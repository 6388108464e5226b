import { Query } from '@nestjs/cqrs';
import type { PipelineView } from '../pipeline-view.js';

/** One pipeline [销售流程] with its stages; everyone who reads opportunities may read pipelines. */
export class GetPipelineQuery extends Query<PipelineView> {
  constructor(readonly pipelineId: string) {
    super();
  }
}
