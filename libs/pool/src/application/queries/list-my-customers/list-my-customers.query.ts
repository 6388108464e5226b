import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';
import type { ClaimScope } from '../../../domain/claim-scope.js';

export interface HeldCustomerView {
  customerId: string;
  name: string | null;
  grade: string;
  poolId: string;
  scopes: ClaimScope[];
  since: string;
  lastActivityAt: string;
  /** When it falls back into the pool unless followed up [回收时间]. */
  recycleAt: string;
  daysUntilRecycle: number;
  /** Held although the grade rules would not let you claim it today (kept from before the rule, POOL-3). */
  grandfathered: boolean;
}

/** My customers [我的客户]: what I hold, soonest to be recycled first. */
export class ListMyCustomersQuery extends Query<Page<HeldCustomerView>> {
  constructor(
    readonly actor: Actor,
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
