import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { LeadStatus } from '../../../domain/lead.types.js';
import type { LeadView } from '../lead-view.js';

export interface LeadFilters {
  poolId?: string;
  /** With poolId: the pool's sub-pools too. */
  includeSubPools?: boolean;
  status?: LeadStatus;
  grade?: string;
  ownerId?: string;
  channel?: string;
}

/** Leads in the caller's reach [线索列表], newest first; filters combine with AND. */
export class ListLeadsQuery extends Query<Page<LeadView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: LeadFilters,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
