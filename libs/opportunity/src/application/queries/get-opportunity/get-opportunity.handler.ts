import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SqlParams, TransactionHost } from '@crm/platform';
import { OpportunityErrors } from '../../../domain/opportunity.errors.js';
import { visibleOpportunitiesPredicate } from '../../opportunity-access.js';
import { OPPORTUNITY_VIEW_SELECT, toViews, type OpportunityView, type OpportunityViewRow } from '../opportunity-view.js';
import { GetOpportunityQuery } from './get-opportunity.query.js';

@QueryHandler(GetOpportunityQuery)
export class GetOpportunityHandler implements IQueryHandler<GetOpportunityQuery> {
  constructor(
    private readonly tx: TransactionHost,
    private readonly queries: QueryBus,
  ) {}

  async execute({ actor, opportunityId }: GetOpportunityQuery): Promise<OpportunityView> {
    const params = new SqlParams();
    const row = await this.tx.queryOne<OpportunityViewRow>(
      `${OPPORTUNITY_VIEW_SELECT} WHERE o.id = ${params.add(opportunityId)} AND ${visibleOpportunitiesPredicate(actor, params)}`,
      params.values,
    );
    if (!row) throw OpportunityErrors.notFound();
    const [view] = await toViews(this.queries, [row]);
    return view!;
  }
}
