import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { OpportunityStatus } from '../../../domain/opportunity.types.js';
import type { OpportunityView } from '../opportunity-view.js';

export interface OpportunityFilters {
  ownerId?: string;
  customerId?: string;
  pipelineId?: string;
  stageId?: string;
  status?: OpportunityStatus;
}

/** Opportunities the caller sees [商机列表] (data scope and collaborations), newest first; filters combine with AND. */
export class ListOpportunitiesQuery extends Query<Page<OpportunityView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: OpportunityFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
