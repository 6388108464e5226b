import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransactionHost, type Page } from '@crm/platform';
import { parseSegmentConditions } from '../../../domain/segment.js';
import { TaggingErrors } from '../../../domain/tagging.errors.js';
import { segmentPredicates } from '../../../infrastructure/segment-sql.js';
import { TaggingRepository } from '../../../infrastructure/tagging.repository.js';
import { selectCustomers } from '../customer-selection.js';
import type { CustomerView } from '../customer-view.js';
import { EvaluateSegmentQuery } from './evaluate-segment.query.js';

@QueryHandler(EvaluateSegmentQuery)
export class EvaluateSegmentHandler implements IQueryHandler<EvaluateSegmentQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly tagging: TaggingRepository,
  ) {}

  async execute({ actor, segmentId, limit, cursor }: EvaluateSegmentQuery): Promise<Page<CustomerView>> {
    const segment = await this.tagging.findSegment(segmentId);
    if (!segment) throw TaggingErrors.segmentNotFound();
    const conditions = parseSegmentConditions(segment.conditions);
    return selectCustomers(this.tx, actor, (params) => segmentPredicates(conditions, params), limit, cursor);
  }
}
