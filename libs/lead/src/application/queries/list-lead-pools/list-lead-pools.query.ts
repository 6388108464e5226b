import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { LeadPoolView } from '../lead-pool-view.js';

/** The pools in the caller's reach [线索池列表]: those they belong to and every pool below them, parents before children. */
export class ListLeadPoolsQuery extends Query<Page<LeadPoolView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: { parentId?: string },
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
