import { Query } from '@nestjs/cqrs';
import type { Actor } from '@crm/platform';

export interface TargetCoverageView {
  targetId: string;
  period: string;
  value: string;
  achieved: string;
  gap: string;
  openCount: number;
  openAmount: string;
  openWeightedAmount: string;
  coverage: string | null;
}

/** Pipeline coverage [商机覆盖] of a won-amount target's remaining gap. */
export class GetTargetCoverageQuery extends Query<TargetCoverageView> {
  constructor(
    readonly actor: Actor,
    readonly targetId: string,
  ) {
    super();
  }
}
