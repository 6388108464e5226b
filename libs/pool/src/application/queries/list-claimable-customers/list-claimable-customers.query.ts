import { Query } from '@nestjs/cqrs';
import type { Actor, Page } from '@crm/platform';

export interface ClaimableCustomerView {
  customerId: string;
  name: string | null;
  grade: string;
  industry: string | null;
  province: string | null;
  city: string | null;
  poolId: string;
  enteredPoolAt: string;
  /** Partly held (some product lines or products); the rest can be claimed. */
  partiallyProtected: boolean;
  /** Reserved by someone's pending application [审批中]. */
  reserved: boolean;
  /** Your roles may claim it without approval (grade rules). */
  canClaimDirectly: boolean;
}

/** The pool [公海]: customers I may claim, in pools I belong to, newest in the pool first. */
export class ListClaimableCustomersQuery extends Query<Page<ClaimableCustomerView>> {
  constructor(
    readonly actor: Actor,
    readonly filters: { poolId?: string; grade?: string },
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
