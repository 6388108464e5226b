import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadPoolView } from '../lead-pool-view.js';

/** A pool in the caller's reach; any other answers like a missing one. */
export class GetLeadPoolQuery extends Query<LeadPoolView> {
  constructor(
    readonly actor: Actor,
    readonly poolId: string,
  ) {
    super();
  }
}
