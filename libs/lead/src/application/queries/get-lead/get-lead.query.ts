import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';
import type { LeadView, PoolRef } from '../lead-view.js';

/** A stay of the lead in a pool: where it has been, with the path of each pool [线索池轨迹]. */
export interface PoolStayView {
  pool: PoolRef;
  path: PoolRef[];
  enteredAt: string;
  enteredBy: string;
  reason: string | null;
  leftAt: string | null;
}

export type LeadDetail = LeadView & { poolHistory: PoolStayView[] };

/** One lead in the caller's reach, with the pools it passed through. */
export class GetLeadQuery extends Query<LeadDetail> {
  constructor(
    readonly actor: Actor,
    readonly leadId: string,
  ) {
    super();
  }
}
