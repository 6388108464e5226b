import { Query } from '@nestjs/cqrs';
import type { ClosureReason } from '../../../domain/closure-reason.js';

export interface ClosureReasonView extends ClosureReason {
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The closure reasons [关闭原因] in their sort order; inactive ones only when asked for. */
export class ListClosureReasonsQuery extends Query<{ items: ClosureReasonView[]; nextCursor: null }> {
  constructor(readonly includeInactive: boolean) {
    super();
  }
}

/** One closure reason by key (404 `LEAD.CLOSURE_REASON_NOT_FOUND`). */
export class GetClosureReasonQuery extends Query<ClosureReasonView> {
  constructor(readonly key: string) {
    super();
  }
}
