import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { PIPELINE_VIEW_COLUMNS, toPipelineView, type PipelineRow, type PipelineView } from '../pipeline-view.js';
import { GetPipelineQuery } from './get-pipeline.query.js';

@QueryHandler(GetPipelineQuery)
export class GetPipelineHandler implements IQueryHandler<GetPipelineQuery> {
  constructor(private readonly tx: TransactionHost) {}

  async execute({ pipelineId }: GetPipelineQuery): Promise<PipelineView> {
    const row = await this.tx.queryOne<PipelineRow>(`SELECT ${PIPELINE_VIEW_COLUMNS} FROM opportunity.pipelines p WHERE p.id = $1`, [pipelineId]);
    if (!row) throw OpportunityErrors.pipelineNotFound();
    return toPipelineView(row);
  }
}
