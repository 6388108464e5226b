import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { OpportunityView } from '../opportunity-view.js';

/** One opportunity [商机详情]; outside the caller's scope (and not collaborating) it is a 404, like a missing one. */
export class GetOpportunityQuery extends Query<OpportunityView> {
  constructor(
    readonly actor: Actor,
    readonly opportunityId: string,
  ) {
    super();
  }
}
