import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { decodeCursor, encodeCursor, SqlParams, TransactionHost, type Page } from '@crm/platform';
import { visibleOpportunitiesPredicate } from '../../opportunity-access.js';
import { OPPORTUNITY_VIEW_SELECT, toViews, type OpportunityView, type OpportunityViewRow } from '../opportunity-view.js';
import { ListOpportunitiesQuery } from './list-opportunities.query.js';

const FILTER_COLUMNS = { ownerId: 'o.owner_id', customerId: 'o.customer_id', pipelineId: 'o.pipeline_id', stageId: 'o.stage_id', status: 'o.status' } as const;

@QueryHandler(ListOpportunitiesQuery)
export class ListOpportunitiesHandler implements IQueryHandler<ListOpportunitiesQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, filters, limit, cursor }: ListOpportunitiesQuery): Promise<Page<OpportunityView>> {
    const [beforeId] = (decodeCursor(cursor, ['uuid']) ?? []) as string[];
    const params = new SqlParams();
    const where = [visibleOpportunitiesPredicate(actor, params)];
    for (const [filter, column] of Object.entries(FILTER_COLUMNS) as [keyof typeof FILTER_COLUMNS, string][]) {
      if (filters[filter] !== undefined) where.push(`${column} = ${params.add(filters[filter])}`);
    }
    if (beforeId) where.push(`o.id < ${params.add(beforeId)}::uuid`);
    const rows = await this.tx.query<OpportunityViewRow>(
      `${OPPORTUNITY_VIEW_SELECT} WHERE ${where.join(' AND ')} ORDER BY o.id DESC LIMIT ${params.add(limit + 1)}`,
      params.values,
    );
    const page = rows.slice(0, limit);
    return { items: await toViews(this.queries, page), nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1]!.id]) : null };
  }
}
